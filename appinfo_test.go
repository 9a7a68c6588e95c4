package main

import (
	"bytes"
	"image/png"
	"os"
	"strings"
	"testing"

	"sullam/cli"
	"sullam/models"
)

// TestFyneAppMetadataComplete checks what fyne package needs from
// FyneApp.toml: a name, the ID the database folder uses (models.AppID), a
// version, a build number, fyneDo, and an icon file that exists and is a
// square PNG of at least 256 px (fyne package refuses a missing icon).
func TestFyneAppMetadataComplete(t *testing.T) {
	meta, err := embeddedMetadata()
	if err != nil {
		t.Fatal(err)
	}
	if meta.Name != "Sullam" || meta.ID != models.AppID || meta.Version == "" || meta.Build < 1 {
		t.Errorf("metadata name %q id %q version %q build %d", meta.Name, meta.ID, meta.Version, meta.Build)
	}
	if !meta.Migrations["fyneDo"] {
		t.Error("FyneApp.toml does not opt into fyneDo")
	}
	var f fyneApp
	if _, err := decodeFyneApp(fyneAppTOML, &f); err != nil {
		t.Fatal(err)
	}
	file, err := os.Open(f.Details.Icon)
	if err != nil {
		t.Fatalf("FyneApp.toml's icon: %v", err)
	}
	defer file.Close()
	img, err := png.Decode(file)
	if err != nil {
		t.Fatalf("FyneApp.toml's icon %s: %v", f.Details.Icon, err)
	}
	if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 256 {
		t.Errorf("icon %s is %dx%d, want a square of at least 256 px", f.Details.Icon, b.Dx(), b.Dy())
	}
	if got, err := os.ReadFile(f.Details.Icon); err != nil || meta.Icon == nil || !bytes.Equal(got, meta.Icon.Content()) {
		t.Errorf("the embedded icon is not %s", f.Details.Icon)
	}
}

// TestAppMetadataRefusesIncompleteDetails checks that a FyneApp.toml
// without a version, an ID or a build number is refused, naming the field.
func TestAppMetadataRefusesIncompleteDetails(t *testing.T) {
	for field, data := range map[string]string{
		"Version": "[Details]\nIcon = \"i.png\"\nName = \"Sullam\"\nID = \"com.sullam.app\"\nBuild = 1\n",
		"ID":      "[Details]\nIcon = \"i.png\"\nName = \"Sullam\"\nVersion = \"1.0.0\"\nBuild = 1\n",
		"Build":   "[Details]\nIcon = \"i.png\"\nName = \"Sullam\"\nID = \"com.sullam.app\"\nVersion = \"1.0.0\"\n",
	} {
		if _, err := appMetadata([]byte(data), nil); err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("without %s: error %v, want one naming %s", field, err, field)
		}
	}
}

// TestVersionCommandPrintsFyneAppVersion checks that `sullam version`
// prints the version of FyneApp.toml (not a constant of its own).
func TestVersionCommandPrintsFyneAppVersion(t *testing.T) {
	var f fyneApp
	if _, err := decodeFyneApp(fyneAppTOML, &f); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	if code := run([]string{"version"}, env); code != cli.ExitOK {
		t.Fatalf("sullam version: exit %d: %s", code, errOut.String())
	}
	if first, _, _ := strings.Cut(out.String(), "\n"); first != "sullam "+f.Details.Version {
		t.Errorf("sullam version printed %q, want %q", first, "sullam "+f.Details.Version)
	}
}
