package provider

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// singleElementBlocks are the list blocks that upstream (terraform-plugin-sdk) declares with
// MaxItems 1, by resource type and block path. terraform-plugin-framework cannot say so in a
// schema, yet the engine and cdktn read max_items: with it, cdktn writes the block as one object.
var singleElementBlocks = map[string][][]string{
	realmType: {{"security_defenses"}, {"security_defenses", "brute_force_detection"}},
}

// NewServer serves the provider with upstream's max_items on its single-element list blocks, and
// reads states that this provider wrote when those blocks were single nested blocks.
func NewServer() tfprotov6.ProviderServer {
	return &server{ProviderServer: providerserver.NewProtocol6(New())()}
}

type server struct {
	tfprotov6.ProviderServer
}

func (s *server) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	resp, err := s.ProviderServer.GetProviderSchema(ctx, req)
	if err != nil || resp == nil {
		return resp, err
	}
	for typeName, blocks := range singleElementBlocks {
		resource, ok := resp.ResourceSchemas[typeName]
		if !ok {
			continue
		}
		for _, blockPath := range blocks {
			if nested := findBlock(resource.Block, blockPath); nested != nil {
				nested.MaxItems = 1
			}
		}
	}
	return resp, nil
}

func findBlock(block *tfprotov6.SchemaBlock, blockPath []string) *tfprotov6.SchemaNestedBlock {
	for _, nested := range block.BlockTypes {
		if nested.TypeName != blockPath[0] {
			continue
		}
		if len(blockPath) == 1 {
			return nested
		}
		return findBlock(nested.Block, blockPath[1:])
	}
	return nil
}

// UpgradeResourceState turns a single nested block written as an object into the one-element
// list upstream writes, so a state moves between the providers with replace-provider alone.
// The schema version stays upstream's (0): a higher one would lock the state to this provider.
func (s *server) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	if blocks, ok := singleElementBlocks[req.TypeName]; ok && req.RawState != nil && len(req.RawState.JSON) > 0 {
		upgraded, err := listShaped(req.RawState.JSON, blocks)
		if err != nil {
			return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: []*tfprotov6.Diagnostic{{
				Severity: tfprotov6.DiagnosticSeverityError,
				Summary:  "Unreadable " + req.TypeName + " state",
				Detail:   err.Error(),
			}}}, nil
		}
		req = &tfprotov6.UpgradeResourceStateRequest{TypeName: req.TypeName, Version: req.Version, RawState: &tfprotov6.RawState{JSON: upgraded}}
	}
	return s.ProviderServer.UpgradeResourceState(ctx, req)
}

func listShaped(state []byte, blocks [][]string) ([]byte, error) {
	var attributes map[string]any
	decoder := json.NewDecoder(bytes.NewReader(state))
	decoder.UseNumber() // integers stay exact
	if err := decoder.Decode(&attributes); err != nil {
		return nil, err
	}
	for _, blockPath := range blocks {
		wrapObjects(attributes, blockPath)
	}
	return json.Marshal(attributes)
}

// wrapObjects puts the object at blockPath (under every element of the lists on the way) into a list.
func wrapObjects(parent map[string]any, blockPath []string) {
	value, ok := parent[blockPath[0]]
	if !ok || value == nil {
		return
	}
	if object, isObject := value.(map[string]any); isObject {
		value = []any{object}
		parent[blockPath[0]] = value
	}
	if len(blockPath) == 1 {
		return
	}
	elements, _ := value.([]any)
	for _, element := range elements {
		if object, isObject := element.(map[string]any); isObject {
			wrapObjects(object, blockPath[1:])
		}
	}
}
