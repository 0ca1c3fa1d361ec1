package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const openidClientScopeType = "keycloak_openid_client_scope"

type openidClientScopeModel struct {
	ID                  types.String `tfsdk:"id"`
	RealmID             types.String `tfsdk:"realm_id"`
	Name                types.String `tfsdk:"name"`
	Description         types.String `tfsdk:"description"`
	ConsentScreenText   types.String `tfsdk:"consent_screen_text"`
	IncludeInTokenScope types.Bool   `tfsdk:"include_in_token_scope"`
	IncludeInMetadata   types.Bool   `tfsdk:"include_in_openid_provider_metadata"`
	GuiOrder            types.Int64  `tfsdk:"gui_order"`
}

func newOpenidClientScopeResource() resource.Resource {
	keepState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return newResource(resourceType[openidClientScopeModel]{
		name: openidClientScopeType,
		schema: schema.Schema{
			Description: "A client scope using OpenID Connect.",
			Attributes: map[string]schema.Attribute{
				"id": schema.StringAttribute{Computed: true, Description: "Keycloak's id of the scope.", PlanModifiers: keepState},
				"realm_id": schema.StringAttribute{
					Required: true, Description: "The realm the scope is in.",
					PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				},
				"name": schema.StringAttribute{Required: true, Description: "The scope's name, also the value of the scope parameter."},
				// An unset description is left as it is in Keycloak, as upstream does.
				"description": schema.StringAttribute{Optional: true, Computed: true, Description: "Description.", PlanModifiers: keepState},
				"consent_screen_text": schema.StringAttribute{
					Optional: true, Computed: true, Default: stringdefault.StaticString(""),
					Description: "When set, the consent screen shows this text for the scope.",
				},
				"include_in_token_scope": schema.BoolAttribute{
					Optional: true, Computed: true, Default: booldefault.StaticBool(true),
					Description: "Whether the scope's name is added to the token's scope claim.",
				},
				"include_in_openid_provider_metadata": schema.BoolAttribute{
					Optional: true, Computed: true, Default: booldefault.StaticBool(true),
					Description: "Whether the realm's OpenID provider metadata lists the scope in scopes_supported.",
				},
				"gui_order": schema.Int64Attribute{
					Optional: true, Computed: true, Default: int64default.StaticInt64(0),
					Description: "Order of the scope in the admin console and consent screen; 0 for none.",
				},
			},
		},
		create: func(ctx context.Context, kc *keycloak.Client, plan *openidClientScopeModel, _ *diag.Diagnostics) error {
			rep := keycloak.Rep{"protocol": "openid-connect"}
			applyClientScope(rep, plan)
			id, err := kc.Create(ctx, keycloak.Path(plan.RealmID.ValueString(), "client-scopes"), rep)
			if err != nil {
				return err
			}
			plan.ID = types.StringValue(id)
			return step("read the new", readClientScope(ctx, kc, plan))
		},
		read: readClientScope,
		update: func(ctx context.Context, kc *keycloak.Client, plan, _ *openidClientScopeModel, diags *diag.Diagnostics) error {
			return updateWith(ctx, kc, plan.path(), diags, func(rep keycloak.Rep) { applyClientScope(rep, plan) }, func() error { return readClientScope(ctx, kc, plan) })
		},
		delete: func(ctx context.Context, kc *keycloak.Client, m *openidClientScopeModel) error {
			return kc.Delete(ctx, m.path(), nil)
		},
		importID: idParts("{realm}/{client scope id}", "realm_id", "id"),
	})
}

func (m *openidClientScopeModel) path() string {
	return keycloak.Path(m.RealmID.ValueString(), "client-scopes", m.ID.ValueString())
}

func applyClientScope(rep keycloak.Rep, m *openidClientScopeModel) {
	rep["name"] = m.Name.ValueString()
	if !m.Description.IsNull() && !m.Description.IsUnknown() {
		rep["description"] = m.Description.ValueString()
	}
	attrs := rep.Map("attributes")
	// As upstream: a consent text means the scope is shown on the consent screen.
	text := m.ConsentScreenText.ValueString()
	attrs["consent.screen.text"] = text
	attrs["display.on.consent.screen"] = strconv.FormatBool(text != "")
	attrs["include.in.token.scope"] = strconv.FormatBool(m.IncludeInTokenScope.ValueBool())
	attrs["include.in.openid.provider.metadata"] = strconv.FormatBool(m.IncludeInMetadata.ValueBool())
	attrs["gui.order"] = ""
	if order := m.GuiOrder.ValueInt64(); order != 0 {
		attrs["gui.order"] = strconv.FormatInt(order, 10)
	}
}

func readClientScope(ctx context.Context, kc *keycloak.Client, m *openidClientScopeModel) error {
	var rep keycloak.Rep
	if err := kc.Get(ctx, m.path(), &rep); err != nil {
		return err
	}
	m.Name = types.StringValue(rep.String("name"))
	m.Description = types.StringValue(rep.String("description"))
	text := ""
	if rep.AttrBool("attributes", "display.on.consent.screen", true) {
		text, _ = rep.Attr("attributes", "consent.screen.text")
	}
	m.ConsentScreenText = types.StringValue(text)
	m.IncludeInTokenScope = types.BoolValue(rep.AttrBool("attributes", "include.in.token.scope", true))
	// Absent reads as false, as upstream reads it: a scope an older build wrote without it is written once.
	m.IncludeInMetadata = types.BoolValue(rep.AttrBool("attributes", "include.in.openid.provider.metadata", false))
	order, _ := rep.Attr("attributes", "gui.order")
	n, _ := strconv.ParseInt(order, 10, 64) // absent or not a number: no order
	m.GuiOrder = types.Int64Value(n)
	return nil
}
