module github.com/goactions/actions

go 1.26
