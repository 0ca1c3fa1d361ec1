// Command terraform-provider-keycloak serves a Terraform/OpenTofu provider for Keycloak whose
// resources are a same-named subset of the keycloak/keycloak provider.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/provider"
)

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers such as delve")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	if err := tf6server.Serve("registry.terraform.io/keycloak-realm-as-code/keycloak", provider.NewServer, opts...); err != nil {
		log.Fatal(err)
	}
}
