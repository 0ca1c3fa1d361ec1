// Package provider implements the keycloak provider: a subset of the keycloak/keycloak
// provider's resources with the same names, attributes and meaning, so that configuration
// written for this provider also works with that one.
package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

// Version is this provider's version; the released binary's file name carries it too.
const Version = "0.1.0"

// New returns the provider; main hands it to the plugin server.
func New() provider.Provider { return &keycloakProvider{} }

type keycloakProvider struct{}

type providerModel struct {
	URL           types.String `tfsdk:"url"`
	ClientID      types.String `tfsdk:"client_id"`
	ClientSecret  types.String `tfsdk:"client_secret"`
	Username      types.String `tfsdk:"username"`
	Password      types.String `tfsdk:"password"`
	Realm         types.String `tfsdk:"realm"`
	BasePath      types.String `tfsdk:"base_path"`
	ClientTimeout types.Int64  `tfsdk:"client_timeout"`
	InitialLogin  types.Bool   `tfsdk:"initial_login"`
}

func (p *keycloakProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "keycloak"
	resp.Version = Version
}

func (p *keycloakProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages a Keycloak realm through the admin REST API.",
		Attributes: map[string]schema.Attribute{
			"url": schema.StringAttribute{
				Optional:    true,
				Description: "Keycloak's base URL, e.g. https://sso.example.com. Falls back to KEYCLOAK_URL.",
			},
			"client_id": schema.StringAttribute{
				Optional:    true,
				Description: "Client the provider signs in with. Falls back to KEYCLOAK_CLIENT_ID, then admin-cli.",
			},
			"client_secret": schema.StringAttribute{
				Optional:    true,
				Sensitive:   true,
				Description: "Secret for the client credentials grant. Falls back to KEYCLOAK_CLIENT_SECRET.",
			},
			"username": schema.StringAttribute{
				Optional:    true,
				Description: "User for the password grant. Falls back to KEYCLOAK_USER.",
			},
			"password": schema.StringAttribute{
				Optional:    true,
				Sensitive:   true,
				Description: "Password for the password grant. Falls back to KEYCLOAK_PASSWORD.",
			},
			"realm": schema.StringAttribute{
				Optional:    true,
				Description: "Realm the provider signs in to. Falls back to KEYCLOAK_REALM, then master.",
			},
			"base_path": schema.StringAttribute{
				Optional:    true,
				Description: "Path prefix of Keycloak's endpoints, e.g. /auth for old distributions. Falls back to KEYCLOAK_BASE_PATH, then empty.",
			},
			"client_timeout": schema.Int64Attribute{
				Optional:    true,
				Description: "Timeout of each HTTP request in seconds. Falls back to KEYCLOAK_CLIENT_TIMEOUT, then 15.",
			},
			// Upstream's: false keeps it from signing in while it is configured. This provider never
			// signs in before its first request, so it accepts the attribute for the same configuration.
			"initial_login": schema.BoolAttribute{
				Optional:    true,
				Description: "Sign in when the provider is configured (upstream's default true); this provider signs in at its first request either way.",
			},
		},
	}
}

func (p *keycloakProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// A value that another resource computes is unknown while planning: say so rather
	// than silently falling back to the environment.
	for name, v := range map[string]interface{ IsUnknown() bool }{
		"url": cfg.URL, "client_id": cfg.ClientID, "client_secret": cfg.ClientSecret, "username": cfg.Username,
		"password": cfg.Password, "realm": cfg.Realm, "base_path": cfg.BasePath, "client_timeout": cfg.ClientTimeout,
	} {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Unknown Keycloak provider setting",
				fmt.Sprintf("%s is not known until apply; the provider needs it to plan. Set it to a value known in advance.", name))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	timeout := int64(15)
	if !cfg.ClientTimeout.IsNull() {
		timeout = cfg.ClientTimeout.ValueInt64()
	} else if env := os.Getenv("KEYCLOAK_CLIENT_TIMEOUT"); env != "" {
		n, err := strconv.ParseInt(env, 10, 64)
		if err != nil {
			resp.Diagnostics.AddError("Invalid KEYCLOAK_CLIENT_TIMEOUT", fmt.Sprintf("KEYCLOAK_CLIENT_TIMEOUT must be a number of seconds, not %q.", env))
			return
		}
		timeout = n
	}
	if timeout <= 0 {
		resp.Diagnostics.AddAttributeError(path.Root("client_timeout"), "Invalid client_timeout", "client_timeout must be a positive number of seconds.")
		return
	}

	// Not an attribute: the official provider has none like it (it retries nothing), and the
	// schema stays a subset of its. The project's commands set it from REALM_KEYCLOAK_DEADLINE.
	var retryWindow time.Duration
	if env := os.Getenv("KEYCLOAK_RETRY_WINDOW"); env != "" {
		n, err := strconv.ParseInt(env, 10, 64)
		if err != nil || n <= 0 {
			resp.Diagnostics.AddError("Invalid KEYCLOAK_RETRY_WINDOW", fmt.Sprintf("KEYCLOAK_RETRY_WINDOW must be a positive number of seconds, not %q.", env))
			return
		}
		retryWindow = time.Duration(n) * time.Second
	}

	kc := keycloak.Config{
		URL:          setting(cfg.URL, "KEYCLOAK_URL", ""),
		BasePath:     setting(cfg.BasePath, "KEYCLOAK_BASE_PATH", ""),
		Realm:        setting(cfg.Realm, "KEYCLOAK_REALM", "master"),
		ClientID:     setting(cfg.ClientID, "KEYCLOAK_CLIENT_ID", "admin-cli"),
		ClientSecret: setting(cfg.ClientSecret, "KEYCLOAK_CLIENT_SECRET", ""),
		Username:     setting(cfg.Username, "KEYCLOAK_USER", ""),
		Password:     setting(cfg.Password, "KEYCLOAK_PASSWORD", ""),
		Timeout:      time.Duration(timeout) * time.Second,
		UserAgent:    "terraform-provider-keycloak/" + Version + " (keycloak-realm-as-code)",
		RetryWindow:  retryWindow,
	}

	if kc.URL == "" {
		resp.Diagnostics.AddAttributeError(path.Root("url"), "Missing Keycloak URL",
			"Set url in the keycloak provider block or the KEYCLOAK_URL environment variable, e.g. https://sso.example.com.")
	} else if err := keycloak.CheckURL(kc.URL, kc.BasePath); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("url"), "Invalid Keycloak URL",
			fmt.Sprintf("%s (set in the keycloak provider block or KEYCLOAK_URL, KEYCLOAK_BASE_PATH).", err))
	}
	switch {
	case kc.Username != "" && kc.Password == "":
		resp.Diagnostics.AddAttributeError(path.Root("password"), "Missing Keycloak password",
			"A username is set, so the password grant is used: set password in the provider block or the KEYCLOAK_PASSWORD environment variable.")
	case kc.Username == "" && kc.Password != "":
		resp.Diagnostics.AddAttributeError(path.Root("username"), "Missing Keycloak username",
			"A password is set, so the password grant is used: set username in the provider block or the KEYCLOAK_USER environment variable.")
	case kc.Username == "" && kc.ClientSecret == "":
		resp.Diagnostics.AddError("Missing Keycloak credentials",
			"Set either username and password (environment variables KEYCLOAK_USER and KEYCLOAK_PASSWORD) for the password grant, "+
				"or client_id and client_secret (KEYCLOAK_CLIENT_ID and KEYCLOAK_CLIENT_SECRET) for the client credentials grant.")
	}
	if resp.Diagnostics.HasError() {
		return
	}

	resp.ResourceData = keycloak.New(kc)
}

// setting is the configured value, else the environment variable, else def.
func setting(v types.String, env, def string) string {
	if !v.IsNull() {
		return v.ValueString()
	}
	if s := os.Getenv(env); s != "" {
		return s
	}
	return def
}

func (p *keycloakProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		newRealmResource,
		newRealmEventsResource,
		newOpenidClientResource,
		newOpenidClientScopeResource,
		newOpenidAudienceProtocolMapperResource,
		newOpenidClientDefaultScopesResource,
		newOpenidClientOptionalScopesResource,
		newRealmDefaultClientScopesResource,
		newRealmOptionalClientScopesResource,
		newRoleResource,
		newOpenidClientServiceAccountRoleResource,
		newGenericRoleMapperResource,
		newRealmClientPolicyProfileResource,
		newRealmClientPolicyProfilePolicyResource,
		newUserRolesResource,
	}
}

func (p *keycloakProvider) DataSources(context.Context) []func() datasource.DataSource {
	return nil
}
