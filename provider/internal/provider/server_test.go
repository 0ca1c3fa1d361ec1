package provider

import (
	"context"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func realmSchema(t *testing.T, server tfprotov6.ProviderServer) *tfprotov6.Schema {
	t.Helper()
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return schemas.ResourceSchemas[realmType]
}

func TestReportsUpstreamsSingleElementListBlocks(t *testing.T) {
	// WHEN
	schema := realmSchema(t, NewServer())

	// THEN
	defenses := findBlock(schema.Block, []string{"security_defenses"})
	bruteForce := findBlock(schema.Block, []string{"security_defenses", "brute_force_detection"})
	for name, block := range map[string]*tfprotov6.SchemaNestedBlock{"security_defenses": defenses, "brute_force_detection": bruteForce} {
		if block == nil {
			t.Fatalf("no %s block", name)
		}
		if block.Nesting != tfprotov6.SchemaNestedBlockNestingModeList || block.MaxItems != 1 {
			t.Errorf("%s: nesting %v, max_items %d; want upstream's list of at most 1", name, block.Nesting, block.MaxItems)
		}
	}
	if schema.Version != 0 {
		t.Errorf("schema version %d, want upstream's 0", schema.Version)
	}
}

func TestReadsARealmStateWrittenWithSingleNestedBlocksAsLists(t *testing.T) {
	// GIVEN a realm state as this provider wrote it before its blocks were lists
	server := NewServer()
	const objectShaped = `{
		"id": "atlas", "realm": "atlas", "enabled": true,
		"security_defenses": {"brute_force_detection": {"max_login_failures": 5, "max_failure_wait_seconds": 900}}
	}`

	// WHEN
	resp, err := server.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
		TypeName: realmType, Version: 0, RawState: &tfprotov6.RawState{JSON: []byte(objectShaped)},
	})

	// THEN the block reads back as a one-element list, its values kept
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("upgrade failed: %v %v", err, resp.Diagnostics)
	}
	value, err := resp.UpgradedState.Unmarshal(realmSchema(t, server).ValueType())
	if err != nil {
		t.Fatal(err)
	}
	failures := listElement(t, listElement(t, value, "security_defenses"), "brute_force_detection")
	var attributes map[string]tftypes.Value
	if err := failures.As(&attributes); err != nil {
		t.Fatal(err)
	}
	var maxLoginFailures big.Float
	if err := attributes["max_login_failures"].As(&maxLoginFailures); err != nil {
		t.Fatal(err)
	}
	if got, _ := maxLoginFailures.Int64(); got != 5 {
		t.Errorf("max_login_failures = %d, want 5", got)
	}
}

func TestRejectsAnUnreadableRealmStateWithADiagnostic(t *testing.T) {
	// WHEN
	resp, err := NewServer().UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
		TypeName: realmType, Version: 0, RawState: &tfprotov6.RawState{JSON: []byte(`{"realm": `)},
	})

	// THEN
	if err != nil || len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError {
		t.Fatalf("want one error diagnostic, got %v %v", err, resp.Diagnostics)
	}
}

// listElement is the only element of the list attribute name of object.
func listElement(t *testing.T, object tftypes.Value, name string) tftypes.Value {
	t.Helper()
	var attributes map[string]tftypes.Value
	if err := object.As(&attributes); err != nil {
		t.Fatal(err)
	}
	var elements []tftypes.Value
	if err := attributes[name].As(&elements); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(elements) != 1 {
		t.Fatalf("%s has %d elements, want 1", name, len(elements))
	}
	return elements[0]
}
