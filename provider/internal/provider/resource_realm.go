package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const realmType = "keycloak_realm"

type realmModel struct {
	ID                    types.String            `tfsdk:"id"`
	Realm                 types.String            `tfsdk:"realm"`
	Enabled               types.Bool              `tfsdk:"enabled"`
	DisplayName           types.String            `tfsdk:"display_name"`
	SslRequired           types.String            `tfsdk:"ssl_required"`
	AccessTokenLifespan   types.String            `tfsdk:"access_token_lifespan"`
	SsoSessionIdleTimeout types.String            `tfsdk:"sso_session_idle_timeout"`
	SsoSessionMaxLifespan types.String            `tfsdk:"sso_session_max_lifespan"`
	RevokeRefreshToken    types.Bool              `tfsdk:"revoke_refresh_token"`
	RefreshTokenMaxReuse  types.Int64             `tfsdk:"refresh_token_max_reuse"`
	PasswordPolicy        types.String            `tfsdk:"password_policy"`
	SecurityDefenses      []securityDefensesModel `tfsdk:"security_defenses"`
}

// Upstream's blocks are lists of at most one element (see singleElementBlocks).
type securityDefensesModel struct {
	BruteForceDetection []bruteForceDetectionModel `tfsdk:"brute_force_detection"`
}

type bruteForceDetectionModel struct {
	PermanentLockout             types.Bool   `tfsdk:"permanent_lockout"`
	BruteForceStrategy           types.String `tfsdk:"brute_force_strategy"`
	MaxTemporaryLockouts         types.Int64  `tfsdk:"max_temporary_lockouts"`
	MaxLoginFailures             types.Int64  `tfsdk:"max_login_failures"`
	WaitIncrementSeconds         types.Int64  `tfsdk:"wait_increment_seconds"`
	QuickLoginCheckMilliSeconds  types.Int64  `tfsdk:"quick_login_check_milli_seconds"`
	MinimumQuickLoginWaitSeconds types.Int64  `tfsdk:"minimum_quick_login_wait_seconds"`
	MaxFailureWaitSeconds        types.Int64  `tfsdk:"max_failure_wait_seconds"`
	FailureResetTimeSeconds      types.Int64  `tfsdk:"failure_reset_time_seconds"`
}

// bruteForceFields pairs each brute-force attribute with its Keycloak field and upstream's default.
var bruteForceFields = []struct {
	attr, field string
	def         int64
	get         func(*bruteForceDetectionModel) *types.Int64
}{
	{"max_login_failures", "failureFactor", 30, func(m *bruteForceDetectionModel) *types.Int64 { return &m.MaxLoginFailures }},
	{"wait_increment_seconds", "waitIncrementSeconds", 60, func(m *bruteForceDetectionModel) *types.Int64 { return &m.WaitIncrementSeconds }},
	{"quick_login_check_milli_seconds", "quickLoginCheckMilliSeconds", 1000, func(m *bruteForceDetectionModel) *types.Int64 { return &m.QuickLoginCheckMilliSeconds }},
	{"minimum_quick_login_wait_seconds", "minimumQuickLoginWaitSeconds", 60, func(m *bruteForceDetectionModel) *types.Int64 { return &m.MinimumQuickLoginWaitSeconds }},
	{"max_failure_wait_seconds", "maxFailureWaitSeconds", 900, func(m *bruteForceDetectionModel) *types.Int64 { return &m.MaxFailureWaitSeconds }},
	{"failure_reset_time_seconds", "maxDeltaTimeSeconds", 43200, func(m *bruteForceDetectionModel) *types.Int64 { return &m.FailureResetTimeSeconds }},
}

// defaultBruteForceStrategy is upstream's brute_force_strategy default, also sent when the block is absent.
const defaultBruteForceStrategy = "MULTIPLE"

// defaultSecurityHeaders are the browser security headers upstream sends on every write of a realm
// whose configuration has no headers block; this provider has none, so it sends them always.
var defaultSecurityHeaders = map[string]any{
	"contentSecurityPolicy":           "frame-src 'self'; frame-ancestors 'self'; object-src 'none';",
	"contentSecurityPolicyReportOnly": "",
	"strictTransportSecurity":         "max-age=31536000; includeSubDomains",
	"xContentTypeOptions":             "nosniff",
	"xFrameOptions":                   "SAMEORIGIN",
	"xRobotsTag":                      "none",
	"xXSSProtection":                  "1; mode=block",
	"referrerPolicy":                  "no-referrer",
}

// realmDurations pairs each duration attribute with its Keycloak field (seconds).
var realmDurations = []struct {
	attr, field string
	get         func(*realmModel) *types.String
}{
	{"access_token_lifespan", "accessTokenLifespan", func(m *realmModel) *types.String { return &m.AccessTokenLifespan }},
	{"sso_session_idle_timeout", "ssoSessionIdleTimeout", func(m *realmModel) *types.String { return &m.SsoSessionIdleTimeout }},
	{"sso_session_max_lifespan", "ssoSessionMaxLifespan", func(m *realmModel) *types.String { return &m.SsoSessionMaxLifespan }},
}

func newRealmResource() resource.Resource {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:      true,
			Description:   "The realm's name.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"realm": schema.StringAttribute{
			Required:      true,
			Description:   "The name of the realm, unique in Keycloak.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"enabled": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(true),
			Description: "When false, users and clients cannot use the realm.",
		},
		// Like upstream, an unset display name is left as it is in Keycloak.
		"display_name": schema.StringAttribute{
			Optional: true, Computed: true,
			Description:   "The realm's display name.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"ssl_required": schema.StringAttribute{
			Optional: true, Computed: true, Default: stringdefault.StaticString("external"),
			Description: "Whether HTTPS is required: none, external or all.",
			Validators:  []validator.String{oneOf{"none", "external", "all"}},
		},
		"revoke_refresh_token": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			Description: "When true, a refresh token can be used only refresh_token_max_reuse times.",
		},
		"refresh_token_max_reuse": schema.Int64Attribute{
			Optional: true, Computed: true, Default: int64default.StaticInt64(0),
			Description: "How often a refresh token may be reused when revoke_refresh_token is true.",
		},
		// Like upstream, unset means no policy: Keycloak's own refuses an unknown policy id.
		"password_policy": schema.StringAttribute{
			Optional:    true,
			Description: "The realm's password policies joined with \" and \", e.g. \"length(12) and notUsername\".",
		},
	}
	for _, d := range realmDurations {
		attrs[d.attr] = schema.StringAttribute{
			Optional: true, Computed: true,
			Description:   "A Go duration string such as \"5m\"; unset keeps Keycloak's value.",
			Validators:    []validator.String{durationValidator{`must be a Go duration such as "5m" or "1h30m"`}},
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), equivalentDuration{"durations that mean the same time are no change"}},
		}
	}

	bruteForce := map[string]schema.Attribute{
		"permanent_lockout": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			Description: "When true, a user is locked out for good after too many failures.",
		},
		"brute_force_strategy": schema.StringAttribute{
			Optional: true, Computed: true, Default: stringdefault.StaticString(defaultBruteForceStrategy),
			Description: "How the wait grows with failures: MULTIPLE (after every max_login_failures) or LINEAR.",
		},
		"max_temporary_lockouts": schema.Int64Attribute{
			Optional: true, Computed: true, Default: int64default.StaticInt64(0),
			Description: "Temporary lockouts before a permanent one; needs permanent_lockout. 0: permanent at once.",
		},
	}
	for _, f := range bruteForceFields {
		bruteForce[f.attr] = schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(f.def)}
	}

	realmSchema := schema.Schema{
		Description: "A Keycloak realm.",
		Attributes:  attrs,
		Blocks: map[string]schema.Block{
			"security_defenses": schema.ListNestedBlock{
				Description: "Security defenses; brute force detection is on while its block is present.",
				NestedObject: schema.NestedBlockObject{
					Blocks: map[string]schema.Block{
						"brute_force_detection": schema.ListNestedBlock{
							NestedObject: schema.NestedBlockObject{Attributes: bruteForce},
						},
					},
				},
			},
		},
	}
	return newResource(resourceType[realmModel]{
		name:   realmType,
		schema: realmSchema,
		create: func(ctx context.Context, kc *keycloak.Client, plan *realmModel, diags *diag.Diagnostics) error {
			rep := keycloak.Rep{}
			if applyRealm(rep, plan, diags); diags.HasError() {
				return nil
			}
			// A repeated POST refused as a duplicate found the realm its earlier attempt created: realm
			// names are the id, and the read below takes it.
			if _, err := kc.Post(ctx, keycloak.Path(), rep); err != nil && !keycloak.IsRepeatedConflict(err) {
				return err
			}
			kc.SignInAgain()
			return step("read the new", readRealm(ctx, kc, plan))
		},
		read: readRealm,
		update: func(ctx context.Context, kc *keycloak.Client, plan, _ *realmModel, diags *diag.Diagnostics) error {
			return updateWith(ctx, kc, plan.path(), diags, func(rep keycloak.Rep) { applyRealm(rep, plan, diags) }, func() error { return readRealm(ctx, kc, plan) })
		},
		delete: func(ctx context.Context, kc *keycloak.Client, m *realmModel) error {
			return kc.Delete(ctx, m.path(), nil)
		},
		importID: idParts("{realm}", "realm"),
	})
}

func (m *realmModel) path() string { return keycloak.Path(m.Realm.ValueString()) }

func readRealm(ctx context.Context, kc *keycloak.Client, m *realmModel) error {
	var rep keycloak.Rep
	if err := kc.Get(ctx, m.path(), &rep); err != nil {
		return err
	}
	setRealm(m, rep)
	return nil
}

// applyRealm writes the managed settings of m into rep; unknown values are left to Keycloak.
func applyRealm(rep keycloak.Rep, m *realmModel, diags *diag.Diagnostics) {
	rep["realm"] = m.Realm.ValueString()
	rep["enabled"] = m.Enabled.ValueBool()
	if !m.DisplayName.IsUnknown() && !m.DisplayName.IsNull() {
		rep["displayName"] = m.DisplayName.ValueString()
	}
	rep["sslRequired"] = m.SslRequired.ValueString()
	rep["revokeRefreshToken"] = m.RevokeRefreshToken.ValueBool()
	rep["refreshTokenMaxReuse"] = m.RefreshTokenMaxReuse.ValueInt64()
	// Always sent, as upstream does: an unset policy clears the realm's.
	rep["passwordPolicy"] = m.PasswordPolicy.ValueString()
	// Upstream always sends it, empty when unset (Keycloak then signs with RS256 without recording
	// it); a realm holding "RS256" would show a change once its state moves to upstream.
	rep["defaultSignatureAlgorithm"] = ""
	for _, d := range realmDurations {
		v := d.get(m)
		if v.IsUnknown() || v.IsNull() {
			continue
		}
		seconds, err := durationSeconds(v.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root(d.attr), "Invalid duration", err.Error())
			continue
		}
		rep[d.field] = seconds
	}

	rep["browserSecurityHeaders"] = defaultSecurityHeaders

	var bf *bruteForceDetectionModel
	if len(m.SecurityDefenses) == 1 && len(m.SecurityDefenses[0].BruteForceDetection) == 1 {
		bf = &m.SecurityDefenses[0].BruteForceDetection[0]
	}
	rep["bruteForceProtected"] = bf != nil
	if bf == nil {
		// Upstream writes its defaults when brute force detection is off.
		rep["permanentLockout"] = false
		rep["bruteForceStrategy"] = defaultBruteForceStrategy
		for _, f := range bruteForceFields {
			rep[f.field] = f.def
		}
		return
	}
	rep["permanentLockout"] = bf.PermanentLockout.ValueBool()
	// Upstream omits an empty strategy and a zero, which leaves Keycloak's value as it is.
	if v := bf.BruteForceStrategy.ValueString(); v != "" {
		rep["bruteForceStrategy"] = v
	}
	if v := bf.MaxTemporaryLockouts.ValueInt64(); v != 0 {
		rep["maxTemporaryLockouts"] = v
	}
	for _, f := range bruteForceFields {
		rep[f.field] = f.get(bf).ValueInt64()
	}
}

// setRealm refreshes every managed attribute of m from rep.
func setRealm(m *realmModel, rep keycloak.Rep) {
	m.ID = types.StringValue(rep.String("realm"))
	m.Realm = types.StringValue(rep.String("realm"))
	m.Enabled = types.BoolValue(rep.Bool("enabled", false))
	m.DisplayName = types.StringValue(rep.String("displayName"))
	m.SslRequired = types.StringValue(rep.String("sslRequired"))
	m.RevokeRefreshToken = types.BoolValue(rep.Bool("revokeRefreshToken", false))
	m.RefreshTokenMaxReuse = types.Int64Value(rep.Int("refreshTokenMaxReuse"))
	// No policy and none configured stay null, as upstream treats unset and empty alike.
	if policy := rep.String("passwordPolicy"); policy != "" || !m.PasswordPolicy.IsNull() {
		m.PasswordPolicy = types.StringValue(policy)
	}
	for _, d := range realmDurations {
		v := d.get(m)
		*v = durationValue(*v, rep.Int(d.field))
	}

	switch {
	case rep.Bool("bruteForceProtected", false):
		bf := &bruteForceDetectionModel{
			PermanentLockout:     types.BoolValue(rep.Bool("permanentLockout", false)),
			BruteForceStrategy:   types.StringValue(rep.String("bruteForceStrategy")),
			MaxTemporaryLockouts: types.Int64Value(rep.Int("maxTemporaryLockouts")),
		}
		for _, f := range bruteForceFields {
			*f.get(bf) = types.Int64Value(rep.Int(f.field))
		}
		m.SecurityDefenses = []securityDefensesModel{{BruteForceDetection: []bruteForceDetectionModel{*bf}}}
	case len(m.SecurityDefenses) == 1:
		// An empty security_defenses block stays as configured.
		m.SecurityDefenses[0].BruteForceDetection = nil
	}
}
