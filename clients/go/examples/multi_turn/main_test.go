package main

import (
	"testing"

	"github.com/literllm/literllm/clients/go/internal/exampletest"
)

func TestExample(t *testing.T) {
	exampletest.Run(t, run,
		`Hello from the fake`,
		`Tokens: 12 prompt + 5 completion = 17 total`,
		`Cached prompt tokens: 4, reasoning tokens: 2`,
		`Estimated cost: $`,
	)
}
