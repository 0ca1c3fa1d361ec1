package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// officialSchemaFile is the extract of the official keycloak/keycloak 5.9.0 schema
// (provider/conformance/extract-schema.sh writes it).
const officialSchemaFile = "../../conformance/keycloak-5.9.0-schema.json"

// allowedDifferences are the places where the bundled schema may differ from the official one,
// by "<resource type or provider>.<attribute path>" ("*" for every resource type), with the reason.
// None changes what a configuration or a state may hold.
var allowedDifferences = map[string]string{
	"*.id": "the official SDK declares every id optional as well as computed; setting it does nothing there",
	"provider.url": "official: required, with KEYCLOAK_URL as its default, so a configuration without it " +
		"is valid on both; the project never writes the deploy target into files",
	"provider.client_secret": "sensitive in the bundled provider only: it keeps the value out of output",
	"provider.password":      "sensitive in the bundled provider only: it keeps the value out of output",
}

type officialSchema struct {
	Provider        jsonSchema            `json:"provider"`
	ResourceSchemas map[string]jsonSchema `json:"resource_schemas"`
}

type jsonSchema struct {
	Version int64     `json:"version"`
	Block   jsonBlock `json:"block"`
}

type jsonBlock struct {
	Attributes map[string]jsonAttribute   `json:"attributes"`
	BlockTypes map[string]jsonNestedBlock `json:"block_types"`
}

type jsonAttribute struct {
	Type      json.RawMessage `json:"type"`
	Required  bool            `json:"required"`
	Optional  bool            `json:"optional"`
	Computed  bool            `json:"computed"`
	Sensitive bool            `json:"sensitive"`
	WriteOnly bool            `json:"write_only"`
}

type jsonNestedBlock struct {
	NestingMode string    `json:"nesting_mode"`
	MinItems    int64     `json:"min_items"`
	MaxItems    int64     `json:"max_items"`
	Block       jsonBlock `json:"block"`
}

func loadOfficialSchema(t *testing.T) officialSchema {
	t.Helper()
	raw, err := os.ReadFile(officialSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var official officialSchema
	if err := json.Unmarshal(raw, &official); err != nil {
		t.Fatalf("%s: %v", officialSchemaFile, err)
	}
	return official
}

func TestBundledSchemaIsASameNamedSubsetOfTheOfficialOne(t *testing.T) {
	// GIVEN
	official := loadOfficialSchema(t)
	schemas, err := NewServer().GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}

	// WHEN
	var differences []string
	differences = append(differences, compareBlock("provider", schemas.Provider.Block, official.Provider.Block)...)
	for typeName, bundled := range schemas.ResourceSchemas {
		want, ok := official.ResourceSchemas[typeName]
		if !ok {
			differences = append(differences, typeName+": not in the official schema extract (run provider/conformance/extract-schema.sh)")
			continue
		}
		if bundled.Version != want.Version {
			differences = append(differences, fmt.Sprintf("%s: schema version %d, official %d", typeName, bundled.Version, want.Version))
		}
		differences = append(differences, compareBlock(typeName, bundled.Block, want.Block)...)
	}

	// THEN
	sort.Strings(differences)
	for _, difference := range differences {
		t.Error(difference)
	}
}

// compareBlock lists how a bundled block differs from the official one at address.
func compareBlock(address string, bundled *tfprotov6.SchemaBlock, official jsonBlock) []string {
	var differences []string
	report := func(name, format string, args ...any) {
		_, allowed := allowedDifferences[address+"."+name]
		if _, forEveryType := allowedDifferences["*."+name]; forEveryType && address != "provider" && !strings.Contains(address, ".") {
			allowed = true
		}
		if !allowed {
			differences = append(differences, address+"."+name+": "+fmt.Sprintf(format, args...))
		}
	}
	has := map[string]bool{}
	for _, attribute := range bundled.Attributes {
		has[attribute.Name] = true
		want, ok := official.Attributes[attribute.Name]
		if !ok {
			report(attribute.Name, "not in the official schema")
			continue
		}
		typeJSON, err := attribute.Type.MarshalJSON()
		if err != nil {
			report(attribute.Name, "type: %v", err)
		} else if !sameJSON(typeJSON, want.Type) {
			report(attribute.Name, "type %s, official %s", typeJSON, want.Type)
		}
		switch {
		case attribute.Required != want.Required:
			report(attribute.Name, "required %t, official %t", attribute.Required, want.Required)
		case attribute.Optional != want.Optional:
			report(attribute.Name, "optional %t, official %t", attribute.Optional, want.Optional)
		// The framework needs Computed where an attribute has a default; upstream's SDK keeps
		// defaults out of the schema. Computed where upstream is not is allowed only there.
		case want.Computed && !attribute.Computed:
			report(attribute.Name, "not computed, official computed")
		case attribute.Computed && !want.Computed && !attribute.Optional:
			report(attribute.Name, "computed only, official configurable")
		}
		if attribute.Sensitive != want.Sensitive {
			report(attribute.Name, "sensitive %t, official %t", attribute.Sensitive, want.Sensitive)
		}
		if attribute.WriteOnly != want.WriteOnly {
			report(attribute.Name, "write-only %t, official %t", attribute.WriteOnly, want.WriteOnly)
		}
	}
	for name, want := range official.Attributes {
		if want.Required && !has[name] {
			report(name, "required by the official schema, missing")
		}
	}
	for _, nested := range bundled.BlockTypes {
		want, ok := official.BlockTypes[nested.TypeName]
		if !ok {
			report(nested.TypeName, "block not in the official schema")
			continue
		}
		if mode := nestingMode(nested.Nesting); mode != want.NestingMode || nested.MaxItems != want.MaxItems || nested.MinItems != want.MinItems {
			report(nested.TypeName, "block %s (min %d, max %d), official %s (min %d, max %d)",
				mode, nested.MinItems, nested.MaxItems, want.NestingMode, want.MinItems, want.MaxItems)
		}
		differences = append(differences, compareBlock(address+"."+nested.TypeName, nested.Block, want.Block)...)
	}
	return differences
}

func nestingMode(mode tfprotov6.SchemaNestedBlockNestingMode) string {
	return strings.ToLower(strings.TrimPrefix(mode.String(), "NESTING_"))
}

func sameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xs, _ := json.Marshal(x)
	ys, _ := json.Marshal(y)
	return string(xs) == string(ys)
}
