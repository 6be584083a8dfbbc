// A cross-check of test/support/go-template.ts: renders the chart's templates with Go's own
// text/template and Sprig, set up as Helm's engine sets them up (missingkey=zero, Sprig's
// text functions without env/expandenv, include, toYaml through JSON, "<no value>" removed).
// Reads {"templates": {name: source}, "data": {...}, "render": [names]} as JSON on stdin
// (JSON numbers become float64, as Helm's values do) and writes {name: output} or
// {"error": message}. Built with Debian's golang-go and golang-github-masterminds-sprig-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run test/support/go-helm-render/main.go
package main

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v2"
)

type input struct {
	Templates map[string]string `json:"templates"`
	Data      interface{}       `json:"data"`
	Render    []string          `json:"render"`
}

// toYaml as Helm's: sigs.k8s.io/yaml marshals through JSON, then YAML (go-yaml sorts map keys).
func toYaml(v interface{}) string {
	encoded, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var generic interface{}
	if err := yaml.Unmarshal(encoded, &generic); err != nil {
		return ""
	}
	out, err := yaml.Marshal(generic)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(out), "\n")
}

func fail(err error) {
	json.NewEncoder(os.Stdout).Encode(map[string]string{"error": err.Error()})
	os.Exit(0)
}

func main() {
	var in input
	decoder := json.NewDecoder(os.Stdin)
	if err := decoder.Decode(&in); err != nil {
		fail(err)
	}
	root := template.New("gotpl")
	root.Option("missingkey=zero")
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	funcs["toYaml"] = toYaml
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buffer bytes.Buffer
		if err := root.ExecuteTemplate(&buffer, name, data); err != nil {
			return "", err
		}
		return buffer.String(), nil
	}
	root.Funcs(funcs)
	names := make([]string, 0, len(in.Templates))
	for name := range in.Templates {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, err := root.New(name).Parse(in.Templates[name]); err != nil {
			fail(err)
		}
	}
	out := map[string]string{}
	for _, name := range in.Render {
		var buffer bytes.Buffer
		if err := root.ExecuteTemplate(&buffer, name, in.Data); err != nil {
			fail(err)
		}
		out[name] = strings.ReplaceAll(buffer.String(), "<no value>", "")
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
