// Structured output: response_format json_object and json_schema (the schema
// is a native map).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/literllm/literllm/clients/go/llm"
)

func model() string {
	if m := os.Getenv("LITERLLM_TEST_MODEL"); m != "" {
		return m
	}
	return "openai/gpt-4o"
}

type weather struct {
	City         string  `json:"city"`
	TemperatureC float64 `json:"temperature_c"`
}

func run(ctx context.Context, w io.Writer) error {
	client, err := llm.NewClient(llm.WithTarget(os.Getenv("LITERLLM_TARGET")))
	if err != nil {
		return err
	}
	defer client.Close()

	// JSON mode: any JSON object.
	resp, err := client.Chat(ctx, &llm.Request{
		Model: model(),
		Messages: []*llm.Message{
			llm.System("Answer in JSON."),
			llm.User("What is the weather in Paris? Give city and temperature_c."),
		},
		ResponseFormat: llm.JSONObject(),
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "json_object:", resp.Choices[0].Message.GetContent())

	// JSON schema: the answer follows the schema.
	format, err := llm.JSONSchema("weather", map[string]any{
		"type": "object",
		"properties": map[string]any{
			"city":          map[string]any{"type": "string"},
			"temperature_c": map[string]any{"type": "number"},
		},
		"required":             []string{"city", "temperature_c"},
		"additionalProperties": false,
	}, true)
	if err != nil {
		return err
	}
	resp, err = client.Chat(ctx, &llm.Request{
		Model:          model(),
		Messages:       []*llm.Message{llm.User("What is the weather in Paris?")},
		ResponseFormat: format,
	})
	if err != nil {
		return err
	}
	var got weather
	if err := json.Unmarshal([]byte(resp.Choices[0].Message.GetContent()), &got); err != nil {
		return fmt.Errorf("answer is not the schema's JSON: %w", err)
	}
	fmt.Fprintf(w, "json_schema: city=%s temperature_c=%g\n", got.City, got.TemperatureC)
	return nil
}

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}
