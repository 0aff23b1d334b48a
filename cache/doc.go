// Package cache keeps what is expensive to compute until it changes.
package cache
