package main

import (
	"testing"

	"github.com/literllm/literllm/clients/go/internal/exampletest"
)

func TestExample(t *testing.T) {
	exampletest.Run(t, run,
		`json_object: {"city":"Paris","temperature_c":18}`,
		`json_schema: city=Paris temperature_c=18`,
	)
}
