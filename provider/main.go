// Command terraform-provider-keycloak serves a Terraform/OpenTofu provider for Keycloak whose
// resources are a same-named subset of the keycloak/keycloak provider.
package main

import (
	"flag"
	"log"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/keycloak-realm-as-code/terraform-provider-keycloak/internal/provider"
)

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers such as delve")
	flag.Parse()

	// Before the logs go quiet: an orphaned provider used to end on its next log line (see there).
	go exitWithParent(os.Getppid(), time.Second)
	if !logsAsked(os.Environ()) {
		// HashiCorp's plugin libraries log every call and attribute at TRACE when no level is set,
		// and the engine discards those lines at its default level: formatting them was a quarter
		// of this provider's CPU in a full plan of 1,000 customers.
		os.Setenv("TF_LOG_SDK", "off")
	}

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	if err := tf6server.Serve("registry.terraform.io/keycloak-realm-as-code/keycloak", provider.NewServer, opts...); err != nil {
		log.Fatal(err)
	}
}

// exitWithParent ends the process once its parent (the engine) is gone. A provider whose engine was
// killed would otherwise live on, and could still be sending requests while the next deploy runs;
// with its logs on it died of SIGPIPE on its next line, with them off it never writes one.
func exitWithParent(parent int, every time.Duration) {
	for range time.Tick(every) {
		if os.Getppid() != parent {
			os.Exit(1)
		}
	}
}

// logsAsked reports whether the environment sets any of the engine's log levels (TF_LOG,
// TF_LOG_PROVIDER, TF_LOG_SDK…): then they are left as asked.
func logsAsked(environment []string) bool {
	for _, variable := range environment {
		name, value, _ := strings.Cut(variable, "=")
		if value != "" && (name == "TF_LOG" || strings.HasPrefix(name, "TF_LOG_")) {
			return true
		}
	}
	return false
}
