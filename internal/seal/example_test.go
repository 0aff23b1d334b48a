package seal_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/goactions/actions/internal/seal"
)

func ExampleKeyRing() {
	// In a server: seal.ParseKeyRing(os.Getenv(seal.EnvVar)).
	ring, err := seal.ParseKeyRing("6ZkLJ0pP7uD1aYx4Q2mB9wVt3nHcR8sKfE5gT0jU1oA")
	if err != nil {
		panic(err)
	}
	// Rendering the page: the bound arguments go into a hidden field.
	token, err := ring.Seal([]byte(`[7]`), "deletePost", time.Now().Add(time.Hour))
	if err != nil {
		panic(err)
	}
	// The form comes back: the token opens for its action only.
	args, err := ring.Open(token, "deletePost", time.Now())
	fmt.Println(string(args), err)
	_, err = ring.Open(token, "banUser", time.Now())
	fmt.Println(errors.Is(err, seal.ErrTampered))
	// Output:
	// [7] <nil>
	// true
}
