package keycloak

import (
	"strconv"
	"strings"
)

// Rep is a Keycloak representation kept as decoded JSON. Resources read it, change the fields
// they manage and send it back whole, so that settings they do not manage are kept.
type Rep map[string]any

// String returns a string field, or "" when it is absent.
func (r Rep) String(key string) string {
	s, _ := r[key].(string)
	return s
}

// Bool returns a boolean field, or def when it is absent.
func (r Rep) Bool(key string, def bool) bool {
	if b, ok := r[key].(bool); ok {
		return b
	}
	return def
}

// Int returns a numeric field, or 0 when it is absent.
func (r Rep) Int(key string) int64 {
	n, _ := r[key].(float64) // encoding/json decodes every number as float64
	return int64(n)
}

// Strings returns a list-of-strings field, never nil.
func (r Rep) Strings(key string) []string {
	out := []string{}
	items, _ := r[key].([]any)
	for _, item := range items {
		if s, ok := item.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Map returns an object field with string values (client attributes, mapper config),
// creating it when absent so that callers can set keys in it.
func (r Rep) Map(key string) map[string]any {
	m, ok := r[key].(map[string]any)
	if !ok {
		m = map[string]any{}
		r[key] = m
	}
	return m
}

// Attr returns one entry of an attributes/config object and whether it is present.
func (r Rep) Attr(object, key string) (string, bool) {
	m, _ := r[object].(map[string]any)
	s, ok := m[key].(string)
	return s, ok
}

// AttrBool reads a "true"/"false" attribute, def when absent or not a boolean.
func (r Rep) AttrBool(object, key string, def bool) bool {
	s, ok := r.Attr(object, key)
	if !ok {
		return def
	}
	b, err := strconv.ParseBool(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return b
}
