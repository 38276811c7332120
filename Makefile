# ossflow: `make run` runs the whole pipeline locally, `make test` runs the tests.
SHELL := /bin/bash
GO ?= go
DIST ?= dist
FUZZTIME ?= 10s
BENCHTIME ?= 1s
FUNCTIONS := $(patsubst functions/%/main.go,%,$(wildcard functions/*/main.go))
CGO_FUNCTIONS := thumbnail

.PHONY: all bootstrap test build package bench fuzz clean run

all: build

bootstrap:
	@./scripts/bootstrap

## test: vet, then every test with the race detector (cgo on, so thumbnail's libvips tests run too).
test: bootstrap
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 20m ./...

## build: one linux/amd64 binary per function in dist/<fn>/; CGO off except thumbnail.
build: bootstrap
	@mkdir -p $(DIST)
	@for fn in $(FUNCTIONS); do \
	  cgo=0; [[ " $(CGO_FUNCTIONS) " == *" $$fn "* ]] && cgo=1; \
	  echo "build $$fn (CGO_ENABLED=$$cgo)"; \
	  CGO_ENABLED=$$cgo GOOS=linux GOARCH=amd64 $(GO) build -trimpath -ldflags='-s -w' -o $(DIST)/$$fn/main ./functions/$$fn || exit 1; \
	done

## package: deployable zips in dist/: <fn>.zip per function, thumbnail-layer.zip (libvips for /opt/lib).
package: bootstrap
	@DIST=$(DIST) GO=$(GO) ./scripts/package

## run: bootstrap, build the functions, then run the local cloud in the foreground (Ctrl-C stops it).
## LOCALSTACK_FLAGS passes flags through, e.g. make run LOCALSTACK_FLAGS=-json.
run: build
	$(GO) run ./localstack $(LOCALSTACK_FLAGS)

## bench: every benchmark, with allocations.
bench: bootstrap
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

## fuzz: each fuzz target for FUZZTIME (default 10s).
fuzz: bootstrap
	@./scripts/fuzz $(FUZZTIME)

clean:
	rm -rf $(DIST)
