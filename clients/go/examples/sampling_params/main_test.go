package main

import (
	"testing"

	"github.com/literllm/literllm/clients/go/internal/exampletest"
)

func TestExample(t *testing.T) {
	exampletest.Run(t, run,
		`Hello from the fake`,
		`finish_reason: stop`,
	)
}
