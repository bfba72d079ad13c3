package llm

import (
	"encoding/json"
	"fmt"

	pb "github.com/literllm/literllm/clients/go/literllmpb"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"
)

// Ptr returns a pointer to v, for the optional fields:
// Temperature: llm.Ptr(0.7), MaxTokens: llm.Ptr[int32](100).
func Ptr[T any](v T) *T { return &v }

func textMessage(role, content string) *Message {
	return &Message{Role: role, Content: &content}
}

// System is a system message.
func System(content string) *Message { return textMessage("system", content) }

// Developer is a developer message.
func Developer(content string) *Message { return textMessage("developer", content) }

// User is a user message.
func User(content string) *Message { return textMessage("user", content) }

// Assistant is an assistant message with text content.
func Assistant(content string) *Message { return textMessage("assistant", content) }

// ToolResult is a tool message answering the tool call with id toolCallID.
func ToolResult(toolCallID, content string) *Message {
	m := textMessage("tool", content)
	m.ToolCallId = &toolCallID
	return m
}

// UserParts is a multimodal user message (text and image_url parts).
func UserParts(parts ...*pb.ContentPart) *Message {
	return &Message{Role: "user", ContentParts: parts}
}

// TextPart is a {"type":"text"} content part.
func TextPart(text string) *pb.ContentPart { return &pb.ContentPart{Type: "text", Text: &text} }

// ImagePart is a {"type":"image_url"} content part (https URL or data: URI).
func ImagePart(url string) *pb.ContentPart {
	return &pb.ContentPart{Type: "image_url", ImageUrl: &pb.ImageUrl{Url: url}}
}

// fromJSON fills m from an OpenAI-shaped value (map, struct with json tags...).
func fromJSON(v any, m proto.Message) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return protojson.Unmarshal(raw, m)
}

// MessageFromMap converts an OpenAI-style message dict such as
// {"role": "user", "content": "Hi"} to a Message. A "content" given as a list
// of parts becomes content_parts, as OpenAI's API writes it.
func MessageFromMap(m map[string]any) (*Message, error) {
	if parts, ok := m["content"].([]any); ok {
		c := make(map[string]any, len(m))
		for k, v := range m {
			c[k] = v
		}
		delete(c, "content")
		c["content_parts"] = parts
		m = c
	} else if parts, ok := m["content"].([]map[string]any); ok {
		c := make(map[string]any, len(m))
		for k, v := range m {
			c[k] = v
		}
		delete(c, "content")
		c["content_parts"] = parts
		m = c
	}
	msg := &Message{}
	if err := fromJSON(m, msg); err != nil {
		return nil, fmt.Errorf("literllm: message %v: %w", m, err)
	}
	return msg, nil
}

// Messages builds a message list from typed messages (*Message) and
// OpenAI-style dicts (map[string]any), mixed freely.
func Messages(items ...any) ([]*Message, error) {
	out := make([]*Message, 0, len(items))
	for i, item := range items {
		switch v := item.(type) {
		case *Message:
			out = append(out, v)
		case map[string]any:
			m, err := MessageFromMap(v)
			if err != nil {
				return nil, err
			}
			out = append(out, m)
		default:
			return nil, fmt.Errorf("literllm: message %d: want *llm.Message or map[string]any, got %T", i, item)
		}
	}
	return out, nil
}

// RequestFromMap converts a whole OpenAI-style request body (model, messages
// as dicts, temperature, tools with map parameters...) to a Request.
func RequestFromMap(body map[string]any) (*Request, error) {
	c := make(map[string]any, len(body))
	for k, v := range body {
		c[k] = v
	}
	var typed []*Message
	if msgs, ok := body["messages"]; ok {
		delete(c, "messages")
		var items []any
		switch v := msgs.(type) {
		case []any:
			items = v
		case []map[string]any:
			for _, m := range v {
				items = append(items, m)
			}
		case []*Message:
			typed = v
		default:
			return nil, fmt.Errorf("literllm: messages: unsupported type %T", msgs)
		}
		if items != nil {
			var err error
			if typed, err = Messages(items...); err != nil {
				return nil, err
			}
		}
	}
	req := &Request{}
	if err := fromJSON(c, req); err != nil {
		return nil, fmt.Errorf("literllm: request: %w", err)
	}
	req.Messages = typed
	return req, nil
}

// Struct converts a native map (a JSON schema, tool parameters) to the
// google.protobuf.Struct the API carries.
func Struct(m map[string]any) (*structpb.Struct, error) {
	if m == nil {
		return nil, nil
	}
	// Through JSON, so nested []string, []map[string]any, ints... all work.
	raw, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	s := &structpb.Struct{}
	if err := protojson.Unmarshal(raw, s); err != nil {
		return nil, err
	}
	return s, nil
}

// StructToMap converts a Struct back to a native map.
func StructToMap(s *structpb.Struct) map[string]any { return s.AsMap() }

// FunctionTool is a {"type":"function"} tool whose parameters are a JSON
// schema given as a native map.
func FunctionTool(name, description string, parameters map[string]any) (*Tool, error) {
	params, err := Struct(parameters)
	if err != nil {
		return nil, fmt.Errorf("literllm: tool %s parameters: %w", name, err)
	}
	fn := &pb.FunctionDefinition{Name: name, Parameters: params}
	if description != "" {
		fn.Description = &description
	}
	return &Tool{Type: "function", Function: fn}, nil
}

// JSONObject is response_format {"type":"json_object"}.
func JSONObject() *ResponseFormat { return &ResponseFormat{Type: "json_object"} }

// JSONSchema is response_format {"type":"json_schema"} with a schema given as
// a native map.
func JSONSchema(name string, schema map[string]any, strict bool) (*ResponseFormat, error) {
	s, err := Struct(schema)
	if err != nil {
		return nil, fmt.Errorf("literllm: json_schema %s: %w", name, err)
	}
	return &ResponseFormat{Type: "json_schema", JsonSchema: &pb.JsonSchemaFormat{Name: name, Schema: s, Strict: &strict}}, nil
}

// ToolChoice converts "auto", "none", "required" or
// {"type":"function","function":{"name":...}} to the request's tool_choice.
func ToolChoice(v any) (*structpb.Value, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	val := &structpb.Value{}
	if err := protojson.Unmarshal(raw, val); err != nil {
		return nil, err
	}
	return val, nil
}

// Must panics on error; handy in examples and tests: llm.Must(llm.FunctionTool(...)).
func Must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// ToJSON renders any API message (a Response, a Chunk...) as OpenAI-shaped JSON.
func ToJSON(m proto.Message) string {
	return protojson.MarshalOptions{UseProtoNames: true}.Format(m)
}
