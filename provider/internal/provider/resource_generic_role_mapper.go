package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const genericRoleMapperType = "keycloak_generic_role_mapper"

type genericRoleMapperModel struct {
	ID            types.String `tfsdk:"id"`
	RealmID       types.String `tfsdk:"realm_id"`
	ClientID      types.String `tfsdk:"client_id"`
	ClientScopeID types.String `tfsdk:"client_scope_id"`
	RoleID        types.String `tfsdk:"role_id"`
}

// newGenericRoleMapperResource adds a role to the scope mappings of a client or client scope.
func newGenericRoleMapperResource() resource.Resource {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return newResource(resourceType[genericRoleMapperModel]{
		name: genericRoleMapperType,
		schema: schema.Schema{
			Description: "A scope mapping: lets a realm or client role into the tokens of a client or client scope.",
			Attributes: map[string]schema.Attribute{
				"id": schema.StringAttribute{
					Computed:      true,
					Description:   "{realm}/client/{client id}/scope-mappings/{role's client id}/{role id}, or with client-scope/{scope id}.",
					PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				},
				"realm_id":        schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
				"client_id":       schema.StringAttribute{Optional: true, Description: "Internal id of the client; conflicts with client_scope_id.", PlanModifiers: replace},
				"client_scope_id": schema.StringAttribute{Optional: true, Description: "Id of the client scope; conflicts with client_id.", PlanModifiers: replace},
				"role_id":         schema.StringAttribute{Required: true, Description: "Id of the realm or client role.", PlanModifiers: replace},
			},
		},
		validate: func(c *genericRoleMapperModel, diags *diag.Diagnostics) {
			exactlyOne(diags, "client_id", c.ClientID, "client_scope_id", c.ClientScopeID)
		},
		create: func(ctx context.Context, kc *keycloak.Client, plan *genericRoleMapperModel, _ *diag.Diagnostics) error {
			role, err := kc.RoleByID(ctx, plan.RealmID.ValueString(), plan.RoleID.ValueString())
			if err != nil {
				return step("find the role of", err)
			}
			if err := grant(ctx, kc, plan.mappingsPath(role), role); err != nil {
				return err
			}
			// The same id as upstream's; the role's client id is empty for a realm role.
			roleClientID := ""
			if role.Bool("clientRole", false) {
				roleClientID = role.String("containerId")
			}
			parent := "client/" + plan.ClientID.ValueString()
			if plan.ClientID.IsNull() {
				parent = "client-scope/" + plan.ClientScopeID.ValueString()
			}
			plan.ID = types.StringValue(fmt.Sprintf("%s/%s/scope-mappings/%s/%s", plan.RealmID.ValueString(), parent, roleClientID, plan.RoleID.ValueString()))
			return nil
		},
		read: func(ctx context.Context, kc *keycloak.Client, m *genericRoleMapperModel) error {
			role, err := kc.RoleByID(ctx, m.RealmID.ValueString(), m.RoleID.ValueString())
			if err != nil {
				return err
			}
			_, err = mapped(ctx, kc, m.mappingsPath(role), func(mapped keycloak.Rep) bool { return mapped.String("id") == m.RoleID.ValueString() })
			return err // still mapped: nothing else to refresh
		},
		delete: func(ctx context.Context, kc *keycloak.Client, m *genericRoleMapperModel) error {
			role, err := kc.RoleByID(ctx, m.RealmID.ValueString(), m.RoleID.ValueString())
			if err != nil {
				return err
			}
			return kc.Delete(ctx, m.mappingsPath(role), []keycloak.Rep{role})
		},
		importID: importGenericRoleMapper,
	})
}

// mappingsPath is the scope-mapping collection that holds role: the realm's roles or
// those of the role's client.
func (m *genericRoleMapperModel) mappingsPath(role keycloak.Rep) string {
	segments := []string{m.RealmID.ValueString(), "clients", m.ClientID.ValueString(), "scope-mappings"}
	if m.ClientID.IsNull() {
		segments = []string{m.RealmID.ValueString(), "client-scopes", m.ClientScopeID.ValueString(), "scope-mappings"}
	}
	if role.Bool("clientRole", false) {
		return keycloak.Path(append(segments, "clients", role.String("containerId"))...)
	}
	return keycloak.Path(append(segments, "realm")...)
}

// importGenericRoleMapper takes upstream's {realm}/client/{client id}/scope-mappings/{role's client id}/{role id}
// or {realm}/client-scope/{scope id}/scope-mappings/{role's client id}/{role id}.
func importGenericRoleMapper(_ context.Context, _ *keycloak.Client, id string) (map[string]any, error) {
	const format = "{realm}/client/{client id}/scope-mappings/{role's client id}/{role id} or {realm}/client-scope/{scope id}/scope-mappings/{role's client id}/{role id}"
	parts := strings.Split(id, "/")
	if len(parts) != 6 || parts[3] != "scope-mappings" || (parts[1] != "client" && parts[1] != "client-scope") {
		return nil, invalidImportID(id, format)
	}
	parent := map[string]string{"client": "client_id", "client-scope": "client_scope_id"}[parts[1]]
	return map[string]any{"id": id, "realm_id": parts[0], "role_id": parts[5], parent: parts[2]}, nil
}
