package fcemu_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/ossflow/ossflow/localstack/fcemu"
	"github.com/ossflow/ossflow/localstack/ossemu"
	"github.com/ossflow/ossflow/localstack/template"
	"github.com/ossflow/ossflow/pkg/events"
)

// The local cloud's wiring: the template drives the emulator, the OSS
// emulator's notifications feed its OSS triggers, one listener serves every
// HTTP trigger, and a command fires the audit timer by hand.
func ExampleNew() {
	local, err := template.LoadLocalConfig("template.local.yml")
	if err != nil {
		log.Fatal(err)
	}
	tpl, warnings, err := template.Load("template.yml", template.Options{Local: local})
	for _, w := range warnings {
		fmt.Fprintln(os.Stderr, "template:", w) // reported at start, not ignored
	}
	if err != nil {
		log.Fatal(err)
	}
	emu, err := fcemu.New(fcemu.Config{
		Template: tpl,
		// The STS emulator would assume the function's role here.
		Credentials: func(fn string) (events.Credentials, error) {
			return events.Credentials{}, fmt.Errorf("no STS emulator in this example")
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer emu.Close(context.Background())

	oss, err := ossemu.New(ossemu.Config{
		AccessKeys: map[string]string{local.Credentials.AccessKeyID: local.Credentials.AccessKeySecret},
		OnEvent:    emu.OSSEvent,
	})
	if err != nil {
		log.Fatal(err)
	}
	go func() { log.Fatal(http.ListenAndServe("127.0.0.1:9100", oss)) }()
	go func() { log.Fatal(http.ListenAndServe("127.0.0.1:9000", emu.HTTPHandler())) }()

	// "Run the audit now."
	res, err := emu.FireTimer(context.Background(), "nightly")
	if err != nil {
		log.Fatal(err)
	}
	if res.Error != nil {
		fmt.Println("audit failed:", res.Error.Type)
	}
}
