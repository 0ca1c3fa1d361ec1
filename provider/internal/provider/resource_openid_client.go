package provider

import (
	"context"
	"fmt"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const openidClientType = "keycloak_openid_client"

// Client attributes that have their own argument here or upstream, so extra_config may not
// set them (upstream refuses the same keys).
var reservedClientAttributes = map[string]bool{
	"pkce.code.challenge.method": true, "dpop.bound.access.tokens": true,
	"exclude.session.state.from.auth.response": true, "exclude.issuer.from.auth.response": true,
	"access.token.lifespan": true, "login_theme": true, "display.on.consent.screen": true, "consent.screen.text": true,
	"client.offline.session.idle.timeout": true, "client.offline.session.max.lifespan": true,
	"client.session.idle.timeout": true, "client.session.max.lifespan": true,
	"use.refresh.tokens": true, "client_credentials.use_refresh_token": true,
	"backchannel.logout.url": true, "frontchannel.logout.url": true,
	"backchannel.logout.revoke.offline.tokens": true, "backchannel.logout.session.required": true,
	"oauth2.device.authorization.grant.enabled": true, "oauth2.device.code.lifespan": true,
	"oauth2.device.polling.interval": true, "oauth2.jwt.authorization.grant.enabled": true,
	"oauth2.jwt.authorization.grant.idp": true, "post.logout.redirect.uris": true,
	"standard.token.exchange.enabled": true, "standard.token.exchange.enableRefreshRequestedTokenType": true,
}

var _ resource.ResourceWithUpgradeState = &openidClientResource{}

// openidClientResource is the one type with a schema version above 0, as upstream's.
type openidClientResource struct {
	*importableResource[openidClientModel]
}

// UpgradeState reads version 0 states, this provider's earlier ones and upstream's before 5.x:
// every attribute this schema has kept its name and type, and upstream-only ones are dropped.
func (r *openidClientResource) UpgradeState(ctx context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {StateUpgrader: func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
			stateType := resp.State.Schema.Type().TerraformType(ctx)
			raw, err := req.RawState.UnmarshalWithOpts(stateType, tfprotov6.UnmarshalOpts{
				ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true},
			})
			if err != nil {
				resp.Diagnostics.AddError("Cannot read the version 0 state of a keycloak_openid_client", err.Error())
				return
			}
			resp.State.Raw = raw
		}},
	}
}

type openidClientModel struct {
	ID                                types.String `tfsdk:"id"`
	RealmID                           types.String `tfsdk:"realm_id"`
	ClientID                          types.String `tfsdk:"client_id"`
	Name                              types.String `tfsdk:"name"`
	Description                       types.String `tfsdk:"description"`
	Enabled                           types.Bool   `tfsdk:"enabled"`
	AccessType                        types.String `tfsdk:"access_type"`
	ClientSecret                      types.String `tfsdk:"client_secret"`
	ClientSecretRegenerateWhenChanged types.Map    `tfsdk:"client_secret_regenerate_when_changed"`
	ClientAuthenticatorType           types.String `tfsdk:"client_authenticator_type"`
	StandardFlowEnabled               types.Bool   `tfsdk:"standard_flow_enabled"`
	ImplicitFlowEnabled               types.Bool   `tfsdk:"implicit_flow_enabled"`
	DirectAccessGrantsEnabled         types.Bool   `tfsdk:"direct_access_grants_enabled"`
	ServiceAccountsEnabled            types.Bool   `tfsdk:"service_accounts_enabled"`
	FrontchannelLogoutEnabled         types.Bool   `tfsdk:"frontchannel_logout_enabled"`
	ValidRedirectURIs                 types.Set    `tfsdk:"valid_redirect_uris"`
	ValidPostLogoutRedirectURIs       types.Set    `tfsdk:"valid_post_logout_redirect_uris"`
	WebOrigins                        types.Set    `tfsdk:"web_origins"`
	RootURL                           types.String `tfsdk:"root_url"`
	BaseURL                           types.String `tfsdk:"base_url"`
	PkceCodeChallengeMethod           types.String `tfsdk:"pkce_code_challenge_method"`
	FullScopeAllowed                  types.Bool   `tfsdk:"full_scope_allowed"`
	ConsentRequired                   types.Bool   `tfsdk:"consent_required"`
	UseRefreshTokens                  types.Bool   `tfsdk:"use_refresh_tokens"`
	UseRefreshTokensClientCredentials types.Bool   `tfsdk:"use_refresh_tokens_client_credentials"`
	AccessTokenLifespan               types.String `tfsdk:"access_token_lifespan"`
	ExtraConfig                       types.Map    `tfsdk:"extra_config"`
	Import                            types.Bool   `tfsdk:"import"`
	ServiceAccountUserID              types.String `tfsdk:"service_account_user_id"`
}

func newOpenidClientResource() resource.Resource {
	keepState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	falseByDefault := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false), Description: desc}
	}
	emptySet := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{
			ElementType: types.StringType, Optional: true, Computed: true,
			Default: setdefault.StaticValue(stringSet(nil)), Description: desc,
		}
	}
	clientSchema := schema.Schema{
		// Upstream's version: a state it writes must be readable here (OpenTofu refuses a newer one).
		Version:     1,
		Description: "A Keycloak client using OpenID Connect.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, Description: "Keycloak's internal id of the client.", PlanModifiers: keepState,
			},
			"realm_id": schema.StringAttribute{
				Required: true, Description: "The realm the client is in.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			// Changing it renames the client in place, as upstream does.
			"client_id": schema.StringAttribute{
				Required: true, Description: "The client id used in authentication requests and tokens.",
			},
			// Unset name, description and URLs are left as they are in Keycloak, as upstream does.
			"name":        schema.StringAttribute{Optional: true, Computed: true, Description: "Display name.", PlanModifiers: keepState},
			"description": schema.StringAttribute{Optional: true, Computed: true, Description: "Description.", PlanModifiers: keepState},
			"root_url":    schema.StringAttribute{Optional: true, Computed: true, Description: "Prepended to relative URLs.", PlanModifiers: keepState},
			"base_url":    schema.StringAttribute{Optional: true, Computed: true, Description: "Default URL of the client.", PlanModifiers: keepState},
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				Description: "When false, the client cannot sign in or obtain tokens.",
			},
			"access_type": schema.StringAttribute{
				Required: true, Description: "CONFIDENTIAL, PUBLIC or BEARER-ONLY.",
				Validators: []validator.String{oneOf{"CONFIDENTIAL", "PUBLIC", "BEARER-ONLY"}},
			},
			"client_secret": schema.StringAttribute{
				Optional: true, Computed: true, Sensitive: true,
				Description:   "The client's secret; Keycloak generates one when unset.",
				PlanModifiers: []planmodifier.String{clientSecretPlan{"keeps the secret unless it is regenerated"}},
			},
			"client_secret_regenerate_when_changed": schema.MapAttribute{
				ElementType: types.StringType, Optional: true,
				Description: "Any values; when they change, Keycloak generates a new secret.",
			},
			"client_authenticator_type": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("client-secret"),
				Description: "How a confidential client authenticates, e.g. client-secret or client-jwt.",
			},
			"standard_flow_enabled":           falseByDefault("Enables the authorization code flow."),
			"implicit_flow_enabled":           falseByDefault("Enables the implicit flow."),
			"direct_access_grants_enabled":    falseByDefault("Enables the resource owner password grant."),
			"service_accounts_enabled":        falseByDefault("Enables the client credentials grant."),
			"frontchannel_logout_enabled":     falseByDefault("Enables front-channel logout."),
			"consent_required":                falseByDefault("Users must consent to the client's access."),
			"valid_redirect_uris":             emptySet("URIs a browser may be redirected to after login."),
			"valid_post_logout_redirect_uris": emptySet("URIs a browser may be redirected to after logout."),
			"web_origins":                     emptySet("Allowed CORS origins; + allows those of the redirect URIs."),
			"pkce_code_challenge_method": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				Description: "PKCE challenge method: \"\", plain or S256.",
				Validators:  []validator.String{oneOf{"", "plain", "S256"}},
			},
			"full_scope_allowed": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				Description: "When true, all of the user's roles may appear in tokens.",
			},
			"use_refresh_tokens": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				Description: "Whether token responses include a refresh token.",
			},
			"use_refresh_tokens_client_credentials": falseByDefault("Whether client credentials responses include a refresh token."),
			"access_token_lifespan": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: keepState,
				Description: "Access token lifespan in seconds; \"\" uses the realm's.",
			},
			"extra_config": schema.MapAttribute{
				ElementType: types.StringType, Optional: true,
				Description: "Further client attributes.",
			},
			"import": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				// Only Create and Delete read it, so changing it is an in-place update: replacing would
				// delete a live client (false -> true) or re-create an existing one (true -> false).
				Description: "When true, an existing client with this client_id is adopted instead of created, and left in Keycloak on destroy.",
			},
			"service_account_user_id": schema.StringAttribute{
				Computed: true, Description: "Id of the service account's user, when service accounts are enabled.",
				PlanModifiers: []planmodifier.String{serviceAccountUserPlan{"known after apply only when service accounts are switched"}},
			},
		},
	}
	return &openidClientResource{&importableResource[openidClientModel]{&keycloakResource[openidClientModel]{t: resourceType[openidClientModel]{
		name:     openidClientType,
		schema:   clientSchema,
		validate: validateClient,
		create:   createClient,
		read: func(ctx context.Context, kc *keycloak.Client, m *openidClientModel) error {
			if m.Import.IsNull() {
				m.Import = types.BoolValue(false)
			}
			return readClient(ctx, kc, m)
		},
		update: updateClient,
		// An adopted (import = true) client stays in Keycloak, as upstream leaves it.
		delete: func(ctx context.Context, kc *keycloak.Client, m *openidClientModel) error {
			if m.Import.ValueBool() {
				return nil
			}
			return kc.Delete(ctx, m.path(), nil)
		},
		importID: func(ctx context.Context, kc *keycloak.Client, id string) (map[string]any, error) {
			values, err := idParts("{realm}/{client id in Keycloak}", "realm_id", "id")(ctx, kc, id)
			if err == nil {
				values["import"] = false
			}
			return values, err
		},
	}}}}
}

func (m *openidClientModel) path() string {
	return keycloak.Path(m.RealmID.ValueString(), "clients", m.ID.ValueString())
}

// validateClient refuses what upstream refuses, so that configuration accepted here is
// accepted there too.
func validateClient(c *openidClientModel, diags *diag.Diagnostics) {
	if !c.ClientSecret.IsNull() && !c.ClientSecretRegenerateWhenChanged.IsNull() {
		diags.AddAttributeError(path.Root("client_secret_regenerate_when_changed"), "Conflicting arguments",
			"client_secret_regenerate_when_changed cannot be used together with client_secret.")
	}
	if !c.ExtraConfig.IsUnknown() {
		for key := range c.ExtraConfig.Elements() {
			if reservedClientAttributes[key] {
				diags.AddAttributeError(path.Root("extra_config").AtMapKey(key), "Invalid extra_config key",
					fmt.Sprintf("extra_config key %q is not allowed, as it conflicts with a top-level schema attribute.", key))
			}
		}
	}

	known := func(v interface{ IsUnknown() bool }) bool { return !v.IsUnknown() }
	if !known(c.AccessType) || !known(c.StandardFlowEnabled) || !known(c.ImplicitFlowEnabled) ||
		!known(c.DirectAccessGrantsEnabled) || !known(c.ServiceAccountsEnabled) || !known(c.ValidRedirectURIs) || !known(c.WebOrigins) {
		return
	}
	accessType := c.AccessType.ValueString()
	standard, implicit := c.StandardFlowEnabled.ValueBool(), c.ImplicitFlowEnabled.ValueBool()
	direct, serviceAccounts := c.DirectAccessGrantsEnabled.ValueBool(), c.ServiceAccountsEnabled.ValueBool()
	redirects, origins := len(c.ValidRedirectURIs.Elements()), len(c.WebOrigins.Elements())
	switch {
	case accessType == "BEARER-ONLY" && (standard || implicit || direct || serviceAccounts):
		diags.AddError("Invalid client", "Keycloak cannot issue tokens for bearer-only clients; no OAuth2 flow can be enabled for this client.")
	case (standard || implicit) && redirects == 0:
		diags.AddAttributeError(path.Root("valid_redirect_uris"), "Invalid client",
			"The standard (authorization code) and implicit flows need at least one valid redirect URI.")
	case !standard && !implicit && redirects > 0:
		diags.AddAttributeError(path.Root("valid_redirect_uris"), "Invalid client",
			"valid_redirect_uris cannot be set when the standard and implicit flows are off.")
	case !standard && !implicit && !direct && origins > 0:
		diags.AddAttributeError(path.Root("web_origins"), "Invalid client",
			"web_origins cannot be set when the standard, implicit and direct access grant flows are off.")
	case serviceAccounts && accessType == "PUBLIC":
		diags.AddAttributeError(path.Root("service_accounts_enabled"), "Invalid client",
			"Service accounts (the client credentials flow) cannot be enabled on public clients.")
	}
}

// createClient creates the client, or adopts the one of its client_id when import is true.
func createClient(ctx context.Context, kc *keycloak.Client, plan *openidClientModel, diags *diag.Diagnostics) error {
	realm := plan.RealmID.ValueString()
	if plan.Import.ValueBool() {
		rep, err := kc.FindClient(ctx, realm, plan.ClientID.ValueString())
		if err != nil {
			return step("find the client to import as", err)
		}
		if applyClient(ctx, rep, plan, nil, diags); diags.HasError() {
			return nil
		}
		plan.ID = types.StringValue(rep.String("id"))
		if err := kc.Put(ctx, plan.path(), rep); err != nil {
			return step("update the imported", err)
		}
	} else {
		rep := keycloak.Rep{}
		if applyClient(ctx, rep, plan, nil, diags); diags.HasError() {
			return nil
		}
		id, err := kc.Create(ctx, keycloak.Path(realm, "clients"), rep)
		if err != nil {
			return err
		}
		plan.ID = types.StringValue(id)
	}
	return step("read the new", readClient(ctx, kc, plan))
}

func updateClient(ctx context.Context, kc *keycloak.Client, plan, prior *openidClientModel, diags *diag.Diagnostics) error {
	return updateWith(ctx, kc, plan.path(), diags, func(rep keycloak.Rep) { applyClient(ctx, rep, plan, prior, diags) }, func() error {
		if !plan.ClientSecretRegenerateWhenChanged.Equal(prior.ClientSecretRegenerateWhenChanged) {
			if err := kc.PostFor(ctx, plan.path()+"/client-secret", nil, nil); err != nil {
				return step("regenerate the secret of", err)
			}
		}
		return readClient(ctx, kc, plan)
	})
}

// applyClient writes the managed settings of plan into rep. prior is the state before an
// update: extra_config keys it had and plan lacks are removed from Keycloak.
func applyClient(ctx context.Context, rep keycloak.Rep, plan, prior *openidClientModel, diags *diag.Diagnostics) {
	known := func(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }
	rep["clientId"] = plan.ClientID.ValueString()
	rep["protocol"] = "openid-connect"
	rep["enabled"] = plan.Enabled.ValueBool()
	rep["publicClient"] = plan.AccessType.ValueString() == "PUBLIC"
	rep["bearerOnly"] = plan.AccessType.ValueString() == "BEARER-ONLY"
	rep["clientAuthenticatorType"] = plan.ClientAuthenticatorType.ValueString()
	rep["standardFlowEnabled"] = plan.StandardFlowEnabled.ValueBool()
	rep["implicitFlowEnabled"] = plan.ImplicitFlowEnabled.ValueBool()
	rep["directAccessGrantsEnabled"] = plan.DirectAccessGrantsEnabled.ValueBool()
	rep["serviceAccountsEnabled"] = plan.ServiceAccountsEnabled.ValueBool()
	rep["frontchannelLogout"] = plan.FrontchannelLogoutEnabled.ValueBool()
	rep["fullScopeAllowed"] = plan.FullScopeAllowed.ValueBool()
	rep["consentRequired"] = plan.ConsentRequired.ValueBool()
	rep["redirectUris"] = setStrings(ctx, plan.ValidRedirectURIs, diags)
	rep["webOrigins"] = setStrings(ctx, plan.WebOrigins, diags)
	for field, v := range map[string]types.String{"name": plan.Name, "description": plan.Description, "rootUrl": plan.RootURL, "baseUrl": plan.BaseURL, "secret": plan.ClientSecret} {
		if known(v) {
			rep[field] = v.ValueString()
		}
	}

	attrs := rep.Map("attributes")
	attrs["pkce.code.challenge.method"] = plan.PkceCodeChallengeMethod.ValueString()
	attrs["post.logout.redirect.uris"] = strings.Join(setStrings(ctx, plan.ValidPostLogoutRedirectURIs, diags), "##")
	attrs["use.refresh.tokens"] = strconv.FormatBool(plan.UseRefreshTokens.ValueBool())
	attrs["client_credentials.use_refresh_token"] = strconv.FormatBool(plan.UseRefreshTokensClientCredentials.ValueBool())
	if known(plan.AccessTokenLifespan) {
		attrs["access.token.lifespan"] = plan.AccessTokenLifespan.ValueString()
	}
	extra := stringMap(ctx, plan.ExtraConfig, diags)
	if prior != nil {
		for key := range stringMap(ctx, prior.ExtraConfig, diags) {
			if _, kept := extra[key]; !kept {
				attrs[key] = "" // Keycloak removes an attribute set to ""
			}
		}
	}
	for key, value := range extra {
		attrs[key] = value
	}

	// The client's scopes belong to the *_scopes resources, and "access" is read-only.
	delete(rep, "defaultClientScopes")
	delete(rep, "optionalClientScopes")
	delete(rep, "access")
}

// readClient reads the client m.ID and sets every managed attribute of m from it.
func readClient(ctx context.Context, kc *keycloak.Client, m *openidClientModel) error {
	rep, err := kc.ReadClient(ctx, m.RealmID.ValueString(), m.ID.ValueString())
	if err != nil {
		return err
	}
	saUserID := ""
	if rep.Bool("serviceAccountsEnabled", false) {
		var user keycloak.Rep
		if err := kc.Get(ctx, m.path()+"/service-account-user", &user); err != nil {
			return err
		}
		saUserID = user.String("id")
	}

	m.ClientID = types.StringValue(rep.String("clientId"))
	m.Name = types.StringValue(rep.String("name"))
	m.Description = types.StringValue(rep.String("description"))
	m.Enabled = types.BoolValue(rep.Bool("enabled", true))
	switch {
	case rep.Bool("publicClient", false):
		m.AccessType = types.StringValue("PUBLIC")
	case rep.Bool("bearerOnly", false):
		m.AccessType = types.StringValue("BEARER-ONLY")
	default:
		m.AccessType = types.StringValue("CONFIDENTIAL")
	}
	m.ClientSecret = types.StringValue(rep.String("secret"))
	m.ClientAuthenticatorType = types.StringValue(rep.String("clientAuthenticatorType"))
	m.StandardFlowEnabled = types.BoolValue(rep.Bool("standardFlowEnabled", false))
	m.ImplicitFlowEnabled = types.BoolValue(rep.Bool("implicitFlowEnabled", false))
	m.DirectAccessGrantsEnabled = types.BoolValue(rep.Bool("directAccessGrantsEnabled", false))
	m.ServiceAccountsEnabled = types.BoolValue(rep.Bool("serviceAccountsEnabled", false))
	m.FrontchannelLogoutEnabled = types.BoolValue(rep.Bool("frontchannelLogout", false))
	m.FullScopeAllowed = types.BoolValue(rep.Bool("fullScopeAllowed", true))
	m.ConsentRequired = types.BoolValue(rep.Bool("consentRequired", false))
	m.ValidRedirectURIs = stringSet(rep.Strings("redirectUris"))
	m.WebOrigins = stringSet(rep.Strings("webOrigins"))
	m.RootURL = types.StringValue(rep.String("rootUrl"))
	m.BaseURL = types.StringValue(rep.String("baseUrl"))
	m.ServiceAccountUserID = types.StringValue(saUserID)

	postLogout := []string{}
	if s, _ := rep.Attr("attributes", "post.logout.redirect.uris"); s != "" {
		postLogout = strings.Split(s, "##")
	}
	m.ValidPostLogoutRedirectURIs = stringSet(postLogout)
	pkce, _ := rep.Attr("attributes", "pkce.code.challenge.method")
	m.PkceCodeChallengeMethod = types.StringValue(pkce)
	lifespan, _ := rep.Attr("attributes", "access.token.lifespan")
	m.AccessTokenLifespan = types.StringValue(lifespan)
	// Keycloak's defaults when the attributes are absent: refresh tokens on, none for client credentials.
	m.UseRefreshTokens = types.BoolValue(rep.AttrBool("attributes", "use.refresh.tokens", true))
	m.UseRefreshTokensClientCredentials = types.BoolValue(rep.AttrBool("attributes", "client_credentials.use_refresh_token", false))

	// extra_config tracks only the keys it sets: Keycloak keeps many attributes of its own.
	if !m.ExtraConfig.IsNull() && !m.ExtraConfig.IsUnknown() {
		extra := map[string]string{}
		for key := range m.ExtraConfig.Elements() {
			if value, ok := rep.Attr("attributes", key); ok && value != "" {
				extra[key] = value
			}
		}
		m.ExtraConfig = types.MapValueMust(types.StringType, stringValues(extra))
	}
	return nil
}

// clientSecretPlan keeps the stored secret unless Keycloak will change it: when
// client_secret_regenerate_when_changed or the access type changes.
type clientSecretPlan struct{ described }

func (clientSecretPlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() || req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var planned, stored openidClientModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &planned)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &stored)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if planned.ClientSecretRegenerateWhenChanged.Equal(stored.ClientSecretRegenerateWhenChanged) &&
		planned.AccessType.Equal(stored.AccessType) {
		resp.PlanValue = req.StateValue
	}
}

// serviceAccountUserPlan keeps the stored id unless service accounts are switched.
type serviceAccountUserPlan struct{ described }

func (serviceAccountUserPlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var planned, stored types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("service_accounts_enabled"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("service_accounts_enabled"), &stored)...)
	if planned.Equal(stored) {
		resp.PlanValue = req.StateValue
	}
}
