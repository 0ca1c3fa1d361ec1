package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

// keycloak_openid_client_default_scopes and keycloak_openid_client_optional_scopes differ
// only in the kind of scope and the name of the list, so one type implements both.

func newOpenidClientDefaultScopesResource() resource.Resource {
	return &clientScopesResource{kind: "default"}
}

func newOpenidClientOptionalScopesResource() resource.Resource {
	return &clientScopesResource{kind: "optional"}
}

type clientScopesResource struct {
	base
	kind string // "default" or "optional"
}

type clientScopesModel struct {
	ID       types.String
	RealmID  types.String
	ClientID types.String
	Scopes   types.Set
}

func (r *clientScopesResource) scopesAttr() string { return r.kind + "_scopes" }
func (r *clientScopesResource) typeName() string {
	return "keycloak_openid_client_" + r.kind + "_scopes"
}

func (r *clientScopesResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_openid_client_" + r.kind + "_scopes"
}

func (r *clientScopesResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Description: fmt.Sprintf("The %s client scopes of a client, authoritatively: others are detached.", r.kind),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, Description: "{realm_id}/{client_id}.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"realm_id":  schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
			"client_id": schema.StringAttribute{Required: true, Description: "Internal id of the client.", PlanModifiers: replace},
			r.scopesAttr(): schema.SetAttribute{
				ElementType: types.StringType, Required: true,
				Description: fmt.Sprintf("Names of the client scopes that are the client's %s scopes.", r.kind),
			},
		},
	}
}

type attributeGetter interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}

type attributeSetter interface {
	SetAttribute(context.Context, path.Path, any) diag.Diagnostics
}

func (r *clientScopesResource) get(ctx context.Context, from attributeGetter, diags *diag.Diagnostics) clientScopesModel {
	var m clientScopesModel
	diags.Append(from.GetAttribute(ctx, path.Root("id"), &m.ID)...)
	diags.Append(from.GetAttribute(ctx, path.Root("realm_id"), &m.RealmID)...)
	diags.Append(from.GetAttribute(ctx, path.Root("client_id"), &m.ClientID)...)
	diags.Append(from.GetAttribute(ctx, path.Root(r.scopesAttr()), &m.Scopes)...)
	return m
}

func (r *clientScopesResource) set(ctx context.Context, to attributeSetter, m clientScopesModel, diags *diag.Diagnostics) {
	diags.Append(to.SetAttribute(ctx, path.Root("id"), m.ID)...)
	diags.Append(to.SetAttribute(ctx, path.Root("realm_id"), m.RealmID)...)
	diags.Append(to.SetAttribute(ctx, path.Root("client_id"), m.ClientID)...)
	diags.Append(to.SetAttribute(ctx, path.Root(r.scopesAttr()), m.Scopes)...)
}

func (r *clientScopesResource) collection(m clientScopesModel) string {
	return keycloak.Path(m.RealmID.ValueString(), "clients", m.ClientID.ValueString(), r.kind+"-client-scopes")
}

// attached lists the client's scopes of this kind as name → id.
func (r *clientScopesResource) attached(ctx context.Context, m clientScopesModel) (map[string]string, error) {
	var scopes []keycloak.Rep
	if err := r.kc.Get(ctx, r.collection(m), &scopes); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(scopes))
	for _, s := range scopes {
		out[s.String("name")] = s.String("id")
	}
	return out, nil
}

func (r *clientScopesResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan := r.get(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.reconcile(ctx, &plan, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		r.set(ctx, &resp.State, plan, &resp.Diagnostics)
	}
}

func (r *clientScopesResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := r.get(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.reconcile(ctx, &plan, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		r.set(ctx, &resp.State, plan, &resp.Diagnostics)
	}
}

// reconcile makes the client's scopes of this kind exactly the planned ones.
func (r *clientScopesResource) reconcile(ctx context.Context, m *clientScopesModel, diags *diag.Diagnostics) {
	want := setStrings(ctx, m.Scopes, diags)
	if diags.HasError() {
		return
	}
	have, err := r.attached(ctx, *m)
	if err != nil {
		fail(diags, "read the client of", r.typeName(), err)
		return
	}
	for name, id := range have {
		if !slices.Contains(want, name) {
			if err := r.kc.Delete(ctx, r.collection(*m)+"/"+id, nil); err != nil {
				fail(diags, "detach scope "+name+" in", r.typeName(), err)
				return
			}
		}
	}
	var ids map[string]string
	for _, name := range want {
		if _, ok := have[name]; ok {
			continue
		}
		if ids == nil {
			if ids, err = r.kc.ClientScopeIDs(ctx, m.RealmID.ValueString()); err != nil {
				fail(diags, "list the client scopes for", r.typeName(), err)
				return
			}
		}
		id, ok := ids[name]
		if !ok {
			diags.AddAttributeError(path.Root(r.scopesAttr()), "Client scope not found",
				fmt.Sprintf("Realm %q has no client scope called %q.", m.RealmID.ValueString(), name))
			return
		}
		if err := r.kc.Put(ctx, r.collection(*m)+"/"+id, nil); err != nil {
			fail(diags, "attach scope "+name+" in", r.typeName(), err)
			return
		}
	}
	m.ID = types.StringValue(m.RealmID.ValueString() + "/" + m.ClientID.ValueString())
	if err := r.refresh(ctx, m); err != nil {
		fail(diags, "read", r.typeName(), err)
	}
}

func (r *clientScopesResource) refresh(ctx context.Context, m *clientScopesModel) error {
	have, err := r.attached(ctx, *m)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(have))
	for name := range have {
		names = append(names, name)
	}
	m.Scopes = stringSet(names)
	return nil
}

func (r *clientScopesResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state := r.get(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.refresh(ctx, &state); err != nil {
		if keycloak.IsNotFound(err) {
			resp.State.RemoveResource(ctx)
			return
		}
		fail(&resp.Diagnostics, "read", r.typeName(), err)
		return
	}
	r.set(ctx, &resp.State, state, &resp.Diagnostics)
}

// Delete detaches the scopes this resource attached.
func (r *clientScopesResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state := r.get(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	have, err := r.attached(ctx, state)
	if err != nil {
		if !keycloak.IsNotFound(err) {
			fail(&resp.Diagnostics, "read", r.typeName(), err)
		}
		return
	}
	for _, name := range setStrings(ctx, state.Scopes, &resp.Diagnostics) {
		if id, ok := have[name]; ok {
			if err := r.kc.Delete(ctx, r.collection(state)+"/"+id, nil); err != nil && !keycloak.IsNotFound(err) {
				fail(&resp.Diagnostics, "detach scope "+name+" in", r.typeName(), err)
				return
			}
		}
	}
}

// ImportState takes {realm}/{client id}; upstream has no import, this is an addition.
func (r *clientScopesResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts := splitID(req.ID, 2, "{realm}/{client id in Keycloak}", &resp.Diagnostics)
	if parts == nil {
		return
	}
	r.set(ctx, &resp.State, clientScopesModel{
		ID: types.StringValue(req.ID), RealmID: types.StringValue(parts[0]), ClientID: types.StringValue(parts[1]),
		Scopes: types.SetNull(types.StringType),
	}, &resp.Diagnostics)
}
