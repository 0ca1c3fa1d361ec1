package provider

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

const audienceMapperType = "keycloak_openid_audience_protocol_mapper"

type audienceMapperModel struct {
	ID                      types.String `tfsdk:"id"`
	RealmID                 types.String `tfsdk:"realm_id"`
	ClientID                types.String `tfsdk:"client_id"`
	ClientScopeID           types.String `tfsdk:"client_scope_id"`
	Name                    types.String `tfsdk:"name"`
	IncludedClientAudience  types.String `tfsdk:"included_client_audience"`
	IncludedCustomAudience  types.String `tfsdk:"included_custom_audience"`
	AddToIDToken            types.Bool   `tfsdk:"add_to_id_token"`
	AddToAccessToken        types.Bool   `tfsdk:"add_to_access_token"`
	AddToTokenIntrospection types.Bool   `tfsdk:"add_to_token_introspection"`
}

// Config keys of Keycloak's oidc-audience-mapper.
var audienceMapperFlags = []struct {
	key string
	get func(*audienceMapperModel) *types.Bool
}{
	{"id.token.claim", func(m *audienceMapperModel) *types.Bool { return &m.AddToIDToken }},
	{"access.token.claim", func(m *audienceMapperModel) *types.Bool { return &m.AddToAccessToken }},
	{"introspection.token.claim", func(m *audienceMapperModel) *types.Bool { return &m.AddToTokenIntrospection }},
}

func newOpenidAudienceProtocolMapperResource() resource.Resource {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	trueByDefault := func(desc string) schema.BoolAttribute {
		return schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true), Description: desc}
	}
	mapperSchema := schema.Schema{
		Description: "A protocol mapper that adds an audience to the aud claim of tokens.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, Description: "Keycloak's id of the mapper.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"realm_id":        schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
			"client_id":       schema.StringAttribute{Optional: true, Description: "Internal id of the client the mapper belongs to; conflicts with client_scope_id.", PlanModifiers: replace},
			"client_scope_id": schema.StringAttribute{Optional: true, Description: "Id of the client scope the mapper belongs to; conflicts with client_id.", PlanModifiers: replace},
			// Updated in place, as upstream. Keycloak keeps a mapper's name when it updates one: Update
			// says so rather than recording a name Keycloak does not have.
			"name": schema.StringAttribute{Required: true, Description: "The mapper's name."},
			"included_client_audience": schema.StringAttribute{
				Optional: true, Description: "A client id to add to aud; conflicts with included_custom_audience.",
			},
			"included_custom_audience": schema.StringAttribute{
				Optional: true, Description: "A custom audience to add to aud; conflicts with included_client_audience.",
			},
			"add_to_id_token":            trueByDefault("Whether the audience is added to ID tokens."),
			"add_to_access_token":        trueByDefault("Whether the audience is added to access tokens."),
			"add_to_token_introspection": trueByDefault("Whether the audience is added to token introspection responses."),
		},
	}
	return newResource(resourceType[audienceMapperModel]{
		name:   audienceMapperType,
		schema: mapperSchema,
		validate: func(c *audienceMapperModel, diags *diag.Diagnostics) {
			exactlyOne(diags, "client_id", c.ClientID, "client_scope_id", c.ClientScopeID)
			exactlyOne(diags, "included_client_audience", c.IncludedClientAudience, "included_custom_audience", c.IncludedCustomAudience)
		},
		create: createAudienceMapper,
		read:   readAudienceMapper,
		update: updateAudienceMapper,
		delete: func(ctx context.Context, kc *keycloak.Client, m *audienceMapperModel) error {
			return kc.Delete(ctx, m.path(), nil)
		},
		importID: importAudienceMapper,
	})
}

func createAudienceMapper(ctx context.Context, kc *keycloak.Client, plan *audienceMapperModel, _ *diag.Diagnostics) error {
	// Like upstream, refuse an audience naming a client that does not exist: Keycloak accepts it.
	if aud := plan.IncludedClientAudience.ValueString(); aud != "" {
		if _, err := kc.FindClient(ctx, plan.RealmID.ValueString(), aud); err != nil {
			return step("find the included_client_audience of", err)
		}
	}
	rep := keycloak.Rep{"protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper"}
	applyAudienceMapper(rep, plan)
	id, err := kc.Create(ctx, mappersPath(plan), rep)
	if err != nil {
		return err
	}
	plan.ID = types.StringValue(id)
	return step("read the new", readAudienceMapper(ctx, kc, plan))
}

func updateAudienceMapper(ctx context.Context, kc *keycloak.Client, plan, _ *audienceMapperModel, diags *diag.Diagnostics) error {
	wantName := plan.Name
	err := updateWith(ctx, kc, plan.path(), diags, func(rep keycloak.Rep) { applyAudienceMapper(rep, plan) }, func() error { return readAudienceMapper(ctx, kc, plan) })
	if err == nil && !plan.Name.Equal(wantName) {
		diags.AddAttributeError(path.Root("name"), "Keycloak kept the mapper's name",
			fmt.Sprintf("Keycloak does not rename a protocol mapper on update; it is still %s. Replace it to rename it: apply with -replace on its address.", plan.Name))
	}
	return err
}

// importAudienceMapper takes upstream's formats: {realm}/client/{client id}/{mapper id},
// {realm}/client-scope/{scope id}/{mapper id}, and either with name/{url-encoded name}
// in place of the mapper id.
func importAudienceMapper(ctx context.Context, kc *keycloak.Client, importID string) (map[string]any, error) {
	const format = "{realm}/client/{client id}/{mapper id}, {realm}/client-scope/{scope id}/{mapper id}, or either with name/{url-encoded mapper name} as its end"
	parts := strings.Split(importID, "/")
	if len(parts) != 4 && (len(parts) != 5 || parts[3] != "name") {
		return nil, invalidImportID(importID, format)
	}
	m := audienceMapperModel{RealmID: types.StringValue(parts[0]), ClientID: types.StringNull(), ClientScopeID: types.StringNull()}
	switch parts[1] {
	case "client":
		m.ClientID = types.StringValue(parts[2])
	case "client-scope":
		m.ClientScopeID = types.StringValue(parts[2])
	default:
		return nil, invalidImportID(importID, format)
	}
	id := parts[3]
	if len(parts) == 5 {
		name, err := url.PathUnescape(parts[4])
		if err != nil {
			return nil, &diagError{"Invalid import id", fmt.Sprintf("the mapper name in %q is not URL-encoded correctly: %s", importID, err)}
		}
		var mappers []keycloak.Rep
		if err := kc.Get(ctx, mappersPath(&m), &mappers); err != nil {
			return nil, step("list the mappers to import as", err)
		}
		id = ""
		for _, mapper := range mappers {
			if mapper.String("name") == name {
				id = mapper.String("id")
			}
		}
		if id == "" {
			return nil, &diagError{"Protocol mapper not found", fmt.Sprintf("No protocol mapper is called %q there.", name)}
		}
	}
	return map[string]any{"id": id, "realm_id": m.RealmID, "client_id": m.ClientID, "client_scope_id": m.ClientScopeID}, nil
}

// mappersPath is the collection of protocol mappers of the mapper's client or client scope.
func mappersPath(m *audienceMapperModel) string {
	realm := m.RealmID.ValueString()
	if !m.ClientID.IsNull() {
		return keycloak.Path(realm, "clients", m.ClientID.ValueString(), "protocol-mappers", "models")
	}
	return keycloak.Path(realm, "client-scopes", m.ClientScopeID.ValueString(), "protocol-mappers", "models")
}

func applyAudienceMapper(rep keycloak.Rep, m *audienceMapperModel) {
	rep["name"] = m.Name.ValueString()
	config := rep.Map("config")
	config["included.client.audience"] = m.IncludedClientAudience.ValueString()
	config["included.custom.audience"] = m.IncludedCustomAudience.ValueString()
	for _, f := range audienceMapperFlags {
		config[f.key] = strconv.FormatBool(f.get(m).ValueBool())
	}
}

func (m *audienceMapperModel) path() string {
	return mappersPath(m) + "/" + url.PathEscape(m.ID.ValueString())
}

func readAudienceMapper(ctx context.Context, kc *keycloak.Client, m *audienceMapperModel) error {
	var rep keycloak.Rep
	if err := kc.Get(ctx, m.path(), &rep); err != nil {
		return err
	}
	m.Name = types.StringValue(rep.String("name"))
	clientAudience, _ := rep.Attr("config", "included.client.audience")
	customAudience, _ := rep.Attr("config", "included.custom.audience")
	m.IncludedClientAudience = optionalString(clientAudience)
	m.IncludedCustomAudience = optionalString(customAudience)
	for _, f := range audienceMapperFlags {
		*f.get(m) = types.BoolValue(rep.AttrBool("config", f.key, false))
	}
	return nil
}
