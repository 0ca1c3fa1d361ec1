package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A client in a version 0 state, as this provider wrote it before (and upstream before 5.x), with
// an attribute only upstream has.
const openidClientStateV0 = `{
	"id": "0b5c9f0e-1d2a-4c3b-8e7f-6a5b4c3d2e1f", "realm_id": "atlas", "client_id": "acme",
	"name": "ACME", "access_type": "CONFIDENTIAL", "service_accounts_enabled": true,
	"client_secret_regenerate_when_changed": {"secretVersion": "2"},
	"always_display_in_console": false
}`

func TestUpgradesAVersion0ClientStateKeepingEveryAttribute(t *testing.T) {
	// GIVEN
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(New())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	clientSchema := schemas.ResourceSchemas[openidClientType]
	if clientSchema.Version != 1 {
		t.Fatalf("schema version %d, want upstream's 1", clientSchema.Version)
	}

	// WHEN
	resp, err := server.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{
		TypeName: openidClientType,
		Version:  0,
		RawState: &tfprotov6.RawState{JSON: []byte(openidClientStateV0)},
	})

	// THEN
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("upgrade failed: %v %v", err, resp.Diagnostics)
	}
	value, err := resp.UpgradedState.Unmarshal(clientSchema.ValueType())
	if err != nil {
		t.Fatal(err)
	}
	var attributes map[string]tftypes.Value
	if err := value.As(&attributes); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"id": "0b5c9f0e-1d2a-4c3b-8e7f-6a5b4c3d2e1f", "realm_id": "atlas", "client_id": "acme", "name": "ACME", "access_type": "CONFIDENTIAL"} {
		var got string
		if err := attributes[name].As(&got); err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", name, got, err, want)
		}
	}
	var secretVersion map[string]tftypes.Value
	var version string
	if err := attributes["client_secret_regenerate_when_changed"].As(&secretVersion); err != nil {
		t.Fatal(err)
	}
	if err := secretVersion["secretVersion"].As(&version); err != nil || version != "2" {
		t.Errorf("client_secret_regenerate_when_changed.secretVersion = %q (%v), want 2", version, err)
	}
}
