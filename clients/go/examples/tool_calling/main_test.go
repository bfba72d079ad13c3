package main

import (
	"testing"

	"github.com/literllm/literllm/clients/go/internal/exampletest"
)

func TestExample(t *testing.T) {
	exampletest.Run(t, run,
		`Tool call call_1: get_weather({"location":"Paris"})`,
		`Final answer: Hello from the fake`,
	)
}
