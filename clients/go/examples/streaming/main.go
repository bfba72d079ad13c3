// Streaming: print the answer as it arrives; the last chunk carries usage.
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

	stream, err := client.ChatStream(ctx, &llm.Request{
		Model:    model(),
		Messages: []*llm.Message{llm.User("Tell me a short story.")},
	})
	if err != nil {
		return err
	}
	defer stream.Close()
	for {
		chunk, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if len(chunk.Choices) > 0 {
			fmt.Fprint(w, chunk.Choices[0].Delta.GetContent())
		}
		if chunk.Usage != nil {
			fmt.Fprintf(w, "\nTokens: %d prompt + %d completion = %d total\n",
				chunk.Usage.GetPromptTokens(), chunk.Usage.GetCompletionTokens(), chunk.Usage.GetTotalTokens())
		}
	}
	return nil
}

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}
