package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// configure runs the provider's Configure with the given string settings, every other
// setting unset and no KEYCLOAK_* environment variable but the given ones.
func configure(t *testing.T, settings, env map[string]string) *provider.ConfigureResponse {
	t.Helper()
	for _, name := range []string{"URL", "CLIENT_ID", "CLIENT_SECRET", "USER", "PASSWORD", "REALM", "BASE_PATH", "CLIENT_TIMEOUT"} {
		t.Setenv("KEYCLOAK_"+name, env["KEYCLOAK_"+name])
	}
	ctx := context.Background()
	p := New()
	var schemaResp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &schemaResp)
	objectType := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, attrType := range objectType.AttributeTypes {
		var v any // null unless given
		if s, ok := settings[name]; ok {
			v = s
		}
		values[name] = tftypes.NewValue(attrType, v)
	}
	req := provider.ConfigureRequest{Config: tfsdk.Config{Schema: schemaResp.Schema, Raw: tftypes.NewValue(objectType, values)}}
	resp := &provider.ConfigureResponse{}
	p.Configure(ctx, req, resp)
	return resp
}

func TestConfigureAcceptsHTTPSAndLoopbackHTTP(t *testing.T) {
	for _, url := range []string{
		"http://localhost:32768", // the integration tests' Keycloak container
		"http://127.0.0.1:8080",
		"http://[::1]:8080",
		"https://keycloak.invalid", // the pull-request plan workflow's, never contacted
		"https://sso.example.com/",
	} {
		t.Run(url, func(t *testing.T) {
			// GIVEN the URL in KEYCLOAK_URL, WHEN the provider is configured
			resp := configure(t, nil, map[string]string{"KEYCLOAK_URL": url, "KEYCLOAK_CLIENT_SECRET": "s3cret"})
			// THEN it is accepted
			if resp.Diagnostics.HasError() || resp.ResourceData == nil {
				t.Fatalf("diagnostics: %v", resp.Diagnostics)
			}
		})
	}
}

func TestConfigureRejectsUnsafeURLs(t *testing.T) {
	cases := []struct {
		name             string
		settings, env    map[string]string
		wantDetailPrefix string
	}{
		{
			name:             "rejects http:// to a remote host in the provider block",
			settings:         map[string]string{"url": "http://sso.example.com", "client_secret": "s3cret"},
			wantDetailPrefix: "url must use https://: http:// is accepted only for a loopback host (localhost, 127.0.0.0/8, ::1)",
		},
		{
			name:             "rejects http:// to a remote host in KEYCLOAK_URL",
			env:              map[string]string{"KEYCLOAK_URL": "http://10.1.2.3:8080", "KEYCLOAK_CLIENT_SECRET": "s3cret"},
			wantDetailPrefix: "url must use https://: http:// is accepted only for a loopback host (localhost, 127.0.0.0/8, ::1)",
		},
		{
			name:             "rejects a dot segment in base_path",
			settings:         map[string]string{"url": "https://sso.example.com", "base_path": "/auth/..", "client_secret": "s3cret"},
			wantDetailPrefix: `base_path "/auth/..": the path segment ".." is or hides`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// GIVEN an unsafe URL, WHEN the provider is configured
			resp := configure(t, tc.settings, tc.env)

			// THEN it fails on the url setting, naming the rule and where to set it, and makes no client
			if resp.ResourceData != nil || resp.Diagnostics.ErrorsCount() != 1 {
				t.Fatalf("client %v, diagnostics %v", resp.ResourceData, resp.Diagnostics)
			}
			d := resp.Diagnostics.Errors()[0]
			withPath, ok := d.(interface{ Path() path.Path })
			if d.Summary() != "Invalid Keycloak URL" || !ok || !withPath.Path().Equal(path.Root("url")) ||
				!strings.HasPrefix(d.Detail(), tc.wantDetailPrefix) ||
				!strings.HasSuffix(d.Detail(), "(set in the keycloak provider block or KEYCLOAK_URL, KEYCLOAK_BASE_PATH).") {
				t.Fatalf("got %q: %q", d.Summary(), d.Detail())
			}
		})
	}
}
