// Tool calling: the model calls a tool, we run it, send the result back and
// get the final answer.
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

// getWeather is the tool the model may call.
func getWeather(location string) string {
	out, _ := json.Marshal(map[string]any{"location": location, "temperature_c": 18, "conditions": "sunny"})
	return string(out)
}

func run(ctx context.Context, w io.Writer) error {
	client, err := llm.NewClient(llm.WithTarget(os.Getenv("LITERLLM_TARGET")))
	if err != nil {
		return err
	}
	defer client.Close()

	weatherTool, err := llm.FunctionTool("get_weather", "Get the current weather for a location", map[string]any{
		"type": "object",
		"properties": map[string]any{
			"location": map[string]any{"type": "string", "description": "City name"},
		},
		"required": []string{"location"},
	})
	if err != nil {
		return err
	}
	req := &llm.Request{
		Model:      model(),
		Messages:   []*llm.Message{llm.User("What's the weather in Paris?")},
		Tools:      []*llm.Tool{weatherTool},
		ToolChoice: llm.Must(llm.ToolChoice("auto")),
	}
	resp, err := client.Chat(ctx, req)
	if err != nil {
		return err
	}
	assistant := resp.Choices[0].Message
	if len(assistant.ToolCalls) == 0 {
		fmt.Fprintln(w, assistant.GetContent())
		return nil
	}

	// Keep the assistant turn (with its tool calls), then answer each call.
	req.Messages = append(req.Messages, assistant)
	for _, call := range assistant.ToolCalls {
		fmt.Fprintf(w, "Tool call %s: %s(%s)\n", call.Id, call.Function.Name, call.Function.Arguments)
		var args struct {
			Location string `json:"location"`
		}
		if err := json.Unmarshal([]byte(call.Function.Arguments), &args); err != nil {
			return fmt.Errorf("tool arguments: %w", err)
		}
		req.Messages = append(req.Messages, llm.ToolResult(call.Id, getWeather(args.Location)))
	}

	final, err := client.Chat(ctx, req)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Final answer:", final.Choices[0].Message.GetContent())
	return nil
}

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}
