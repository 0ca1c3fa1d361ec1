package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const serviceAccountRoleType = "keycloak_openid_client_service_account_role"

type serviceAccountRoleModel struct {
	ID                   types.String `tfsdk:"id"`
	RealmID              types.String `tfsdk:"realm_id"`
	ServiceAccountUserID types.String `tfsdk:"service_account_user_id"`
	ClientID             types.String `tfsdk:"client_id"`
	Role                 types.String `tfsdk:"role"`
}

// newOpenidClientServiceAccountRoleResource assigns a client role to a client's service-account user.
func newOpenidClientServiceAccountRoleResource() resource.Resource {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return newResource(resourceType[serviceAccountRoleModel]{
		name: serviceAccountRoleType,
		schema: schema.Schema{
			Description: "Assigns a client role to the service account of an OpenID client.",
			Attributes: map[string]schema.Attribute{
				"id": schema.StringAttribute{
					Computed: true, Description: "{service_account_user_id}/{role id}.",
					PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				},
				"realm_id":                schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
				"service_account_user_id": schema.StringAttribute{Required: true, Description: "Id of the service-account user that gets the role.", PlanModifiers: replace},
				"client_id":               schema.StringAttribute{Required: true, Description: "Internal id of the client that owns the role.", PlanModifiers: replace},
				"role":                    schema.StringAttribute{Required: true, Description: "Name of the role.", PlanModifiers: replace},
			},
		},
		create: func(ctx context.Context, kc *keycloak.Client, plan *serviceAccountRoleModel, _ *diag.Diagnostics) error {
			role, err := kc.ClientRole(ctx, plan.RealmID.ValueString(), plan.ClientID.ValueString(), plan.Role.ValueString())
			if err != nil {
				return step("find the role of", err)
			}
			if err := grant(ctx, kc, plan.mappingsPath(), role); err != nil {
				return err
			}
			plan.ID = types.StringValue(plan.ServiceAccountUserID.ValueString() + "/" + role.String("id"))
			return nil
		},
		read: func(ctx context.Context, kc *keycloak.Client, m *serviceAccountRoleModel) error {
			role, err := mapped(ctx, kc, m.mappingsPath(), func(role keycloak.Rep) bool { return role.String("name") == m.Role.ValueString() })
			if err == nil {
				m.ID = types.StringValue(m.ServiceAccountUserID.ValueString() + "/" + role.String("id"))
			}
			return err
		},
		delete: func(ctx context.Context, kc *keycloak.Client, m *serviceAccountRoleModel) error {
			role, err := kc.ClientRole(ctx, m.RealmID.ValueString(), m.ClientID.ValueString(), m.Role.ValueString())
			if err != nil {
				return err
			}
			return kc.Delete(ctx, m.mappingsPath(), []keycloak.Rep{role})
		},
		// Upstream's {realm}/{service account user id}/{client id}/{role id}.
		importID: func(ctx context.Context, kc *keycloak.Client, id string) (map[string]any, error) {
			parts, err := splitID(id, 4, "{realm}/{service account user id}/{client id}/{role id}")
			if err != nil {
				return nil, err
			}
			role, err := kc.RoleByID(ctx, parts[0], parts[3])
			if err != nil {
				return nil, step("find the role to import as", err)
			}
			return map[string]any{
				"id": parts[1] + "/" + parts[3], "realm_id": parts[0], "service_account_user_id": parts[1],
				"client_id": parts[2], "role": role.String("name"),
			}, nil
		},
	})
}

func (m *serviceAccountRoleModel) mappingsPath() string {
	return keycloak.Path(m.RealmID.ValueString(), "users", m.ServiceAccountUserID.ValueString(), "role-mappings", "clients", m.ClientID.ValueString())
}
