package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/keycloak"
)

// realmList is a list of named entries that Keycloak keeps whole for a realm: one GET answers all
// of them, one PUT replaces them (the client policy profiles, the client policies). A resource
// owns one entry, found by its name, and leaves the others as Keycloak holds them.
type realmList struct {
	endpoint []string // under the realm
	field    string   // the member of the answer that holds the entries
	idPart   string   // the middle of upstream's resource id, {realm}/{idPart}/{name}
}

var (
	clientPolicyProfiles = realmList{endpoint: []string{"client-policies", "profiles"}, field: "profiles", idPart: "realm-client-policy-profiles"}
	clientPolicies       = realmList{endpoint: []string{"client-policies", "policies"}, field: "policies", idPart: "realm-client-policy-profile-policies"}
)

// namedEntry is what every entry of a realmList has, embedded in the model of its resource.
type namedEntry struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	RealmID     types.String `tfsdk:"realm_id"`
	Description types.String `tfsdk:"description"`
}

// namedEntryAttributes are the attributes of namedEntry, and a description.
func namedEntryAttributes(list realmList, nameDescription string) map[string]schema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed: true, Description: "{realm_id}/" + list.idPart + "/{name}, as upstream's.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{Required: true, Description: nameDescription, PlanModifiers: replace},
		// Upstream updates it in place, which leaves the entry in the old realm: replaced here.
		"realm_id":    schema.StringAttribute{Required: true, Description: "The realm.", PlanModifiers: replace},
		"description": schema.StringAttribute{Optional: true, Description: "Description."},
	}
}

func (e *namedEntry) key() (string, string) { return e.RealmID.ValueString(), e.Name.ValueString() }

func (e *namedEntry) setID(id string) { e.ID = types.StringValue(id) }

// listEntry is the model of a resource that owns an entry of a realmList.
type listEntry interface {
	key() (realm, name string)
	setID(id string)
	// entry is the entry the model configures; fromEntry sets the model from Keycloak's.
	entry(ctx context.Context, diags *diag.Diagnostics) keycloak.Rep
	fromEntry(entry keycloak.Rep)
}

// listEntryResource serves a resource type whose model owns an entry of list. The state after a
// write is the plan, as upstream's, since Keycloak stores the entry as sent; an entry that is not
// in the list is gone.
func listEntryResource[M any, P interface {
	*M
	listEntry
}](list realmList, name string, schema schema.Schema) resource.Resource {
	write := func(ctx context.Context, kc *keycloak.Client, m P, create bool, diags *diag.Diagnostics) error {
		entry := m.entry(ctx, diags)
		if diags.HasError() {
			return nil
		}
		realm, name := m.key()
		if err := list.put(ctx, kc, realm, entry, create); err != nil {
			return step("write", err)
		}
		m.setID(realm + "/" + list.idPart + "/" + name)
		return nil
	}
	return newResource(resourceType[M]{
		name:   name,
		schema: schema,
		create: func(ctx context.Context, kc *keycloak.Client, plan *M, diags *diag.Diagnostics) error {
			return write(ctx, kc, plan, true, diags)
		},
		read: func(ctx context.Context, kc *keycloak.Client, m *M) error {
			realm, name := P(m).key()
			entry, err := list.find(ctx, kc, realm, name)
			if err == nil {
				P(m).fromEntry(entry)
			}
			return err
		},
		update: func(ctx context.Context, kc *keycloak.Client, plan, _ *M, diags *diag.Diagnostics) error {
			return write(ctx, kc, plan, false, diags)
		},
		delete: func(ctx context.Context, kc *keycloak.Client, m *M) error {
			realm, name := P(m).key()
			return list.remove(ctx, kc, realm, name)
		},
	})
}

func (l realmList) path(realm string) string {
	return keycloak.Path(append([]string{realm}, l.endpoint...)...)
}

// entries is the realm's list as Keycloak holds it.
func (l realmList) entries(ctx context.Context, kc *keycloak.Client, realm string) (keycloak.Rep, []keycloak.Rep, error) {
	var list keycloak.Rep
	if err := kc.Get(ctx, l.path(realm), &list); err != nil {
		return nil, nil, err
	}
	raw, _ := list[l.field].([]any)
	entries := make([]keycloak.Rep, 0, len(raw))
	for _, entry := range raw {
		if object, ok := entry.(map[string]any); ok {
			entries = append(entries, object)
		}
	}
	return list, entries, nil
}

// find is the entry named name, or errGone.
func (l realmList) find(ctx context.Context, kc *keycloak.Client, realm, name string) (keycloak.Rep, error) {
	_, entries, err := l.entries(ctx, kc, realm)
	if err != nil {
		return nil, err
	}
	for _, entry := range entries {
		if entry.String("name") == name {
			return entry, nil
		}
	}
	return nil, errGone
}

// put writes entry in place of the one of its name, or after the others when there is none; a
// new entry (create) whose name is taken is refused, as upstream has no import to adopt it.
func (l realmList) put(ctx context.Context, kc *keycloak.Client, realm string, entry keycloak.Rep, create bool) error {
	name := entry.String("name")
	return l.change(ctx, kc, realm, func(entries []keycloak.Rep) ([]keycloak.Rep, error) {
		for i, existing := range entries {
			if existing.String("name") != name {
				continue
			}
			if create {
				return nil, fmt.Errorf("realm %s already has an entry named %q in %s", realm, name, strings.Join(l.endpoint, "/"))
			}
			entries[i] = entry
			return entries, nil
		}
		return append(entries, entry), nil
	})
}

// remove takes the entry named name out of the list.
func (l realmList) remove(ctx context.Context, kc *keycloak.Client, realm, name string) error {
	return l.change(ctx, kc, realm, func(entries []keycloak.Rep) ([]keycloak.Rep, error) {
		kept := make([]keycloak.Rep, 0, len(entries))
		for _, entry := range entries {
			if entry.String("name") != name {
				kept = append(kept, entry)
			}
		}
		return kept, nil
	})
}

// change reads the realm's list, edits its entries and puts it back, under one lock per realm and
// list for creates, updates and deletes alike: an entry written by a resource between another's
// read and write would be lost.
func (l realmList) change(ctx context.Context, kc *keycloak.Client, realm string, edit func([]keycloak.Rep) ([]keycloak.Rep, error)) error {
	unlock := kc.Lock(l.path(realm))
	defer unlock()
	list, entries, err := l.entries(ctx, kc, realm)
	if err != nil {
		return err
	}
	if entries, err = edit(entries); err != nil {
		return err
	}
	list[l.field] = entries
	return kc.Put(ctx, l.path(realm), list)
}

// namedConfigurationModel is an executor of a profile or a condition of a policy.
type namedConfigurationModel struct {
	Name          types.String `tfsdk:"name"`
	Configuration types.Map    `tfsdk:"configuration"`
}

// configurationJSON is what upstream sends for a configuration, a map of strings in Terraform: a
// value that starts with "{" or "[" as the JSON it holds (unless keepStrings), any other as the
// string. Keycloak stores what it is sent.
func configurationJSON(ctx context.Context, m types.Map, keepStrings bool, diags *diag.Diagnostics) map[string]any {
	out := map[string]any{}
	for key, value := range stringMap(ctx, m, diags) {
		if keepStrings || !(strings.HasPrefix(value, "{") || strings.HasPrefix(value, "[")) {
			out[key] = value
			continue
		}
		var parsed any
		if err := json.Unmarshal([]byte(value), &parsed); err != nil {
			// Upstream sends null for it; refusing says what is wrong.
			diags.AddError("Invalid configuration value", fmt.Sprintf("%s starts like JSON but is not JSON: %v", key, err))
			continue
		}
		out[key] = parsed
	}
	return out
}

// configurationValue reads a configuration back as upstream does: a string as it is, an object or
// array as encoding/json writes it. A number or boolean (stored by another writer: this provider
// and upstream send strings) is its JSON text; upstream fails to read that executor list and keeps
// the one in its state. An empty configuration is null: unset, upstream sends {} and Keycloak
// answers it, and upstream's state may hold {} or null for it.
func configurationValue(config map[string]any) types.Map {
	if len(config) == 0 {
		return types.MapNull(types.StringType)
	}
	values := make(map[string]attr.Value, len(config))
	for key, value := range config {
		if s, ok := value.(string); ok {
			values[key] = types.StringValue(s)
			continue
		}
		encoded, _ := json.Marshal(value) // decoded from JSON, so it encodes
		values[key] = types.StringValue(string(encoded))
	}
	return types.MapValueMust(types.StringType, values)
}

// namedConfigurationsJSON is what upstream sends for executors or conditions: each names itself
// under nameKey; keepStrings says whose configuration is sent as written (see configurationJSON).
func namedConfigurationsJSON(ctx context.Context, items []namedConfigurationModel, nameKey string, keepStrings func(name string) bool, diags *diag.Diagnostics) []any {
	out := make([]any, 0, len(items))
	for _, item := range items {
		name := item.Name.ValueString()
		out = append(out, map[string]any{nameKey: name, "configuration": configurationJSON(ctx, item.Configuration, keepStrings(name), diags)})
	}
	return out
}

// namedConfigurations is the executors or conditions of a Keycloak entry: the entries under field,
// each naming itself under nameKey.
func namedConfigurations(entry keycloak.Rep, field, nameKey string) []namedConfigurationModel {
	raw, _ := entry[field].([]any)
	out := make([]namedConfigurationModel, 0, len(raw))
	for _, item := range raw {
		object, _ := item.(map[string]any)
		config, _ := object["configuration"].(map[string]any)
		out = append(out, namedConfigurationModel{
			Name:          types.StringValue(keycloak.Rep(object).String(nameKey)),
			Configuration: configurationValue(config),
		})
	}
	return out
}
