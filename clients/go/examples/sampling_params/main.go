// Sampling parameters: temperature, top_p, max_tokens, penalties, seed, stop.
package main

import (
	"context"
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

func run(ctx context.Context, w io.Writer) error {
	client, err := llm.NewClient(llm.WithTarget(os.Getenv("LITERLLM_TARGET")))
	if err != nil {
		return err
	}
	defer client.Close()

	resp, err := client.Chat(ctx, &llm.Request{
		Model:            model(),
		Messages:         []*llm.Message{llm.User("Write a haiku about programming.")},
		Temperature:      llm.Ptr(0.7),
		TopP:             llm.Ptr(0.9),
		MaxTokens:        llm.Ptr[int32](100),
		PresencePenalty:  llm.Ptr(0.1),
		FrequencyPenalty: llm.Ptr(0.1),
		Seed:             llm.Ptr[int64](42),
		Stop:             []string{"\n\n\n"},
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, resp.Choices[0].Message.GetContent())
	fmt.Fprintf(w, "finish_reason: %s\n", resp.Choices[0].GetFinishReason())
	return nil
}

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}
