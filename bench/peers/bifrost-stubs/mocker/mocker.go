// Package mocker: type-only stand-in. Only the semantic-cache plugin's test
// helpers (compiled into its package) name these; nothing calls Init at run time.
package mocker

import (
	"errors"

	"github.com/maximhq/bifrost/core/schemas"
)

type ResponseType string

const ResponseTypeSuccess ResponseType = "success"

type SuccessResponse struct{ Message string }

type Response struct {
	Type    ResponseType
	Content *SuccessResponse
}

type Conditions struct{ MessageRegex *string }

type MockRule struct {
	Name        string
	Enabled     bool
	Priority    int
	Conditions  Conditions
	Probability float64
	Responses   []Response
}

type MockerConfig struct {
	Enabled bool
	Rules   []MockRule
}

func Init(_ MockerConfig) (schemas.LLMPlugin, error) {
	return nil, errors.New("mocker plugin is not included in this build")
}
