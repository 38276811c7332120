// Package demo holds the local cloud's demo upload page: plain HTML, CSS
// and JavaScript with no build step, embedded so `go run ./localstack`
// serves it from the binary. The page reads config.json (written by the
// local cloud: function URLs, demo users, styles, limits), signs a demo
// user in with their bearer token, uploads images with a PostObject form
// from post-policy or with STS credentials from sts-token through ali-oss,
// then shows each variant the thumbnail function writes as it appears.
package demo

import "embed"

// Files is the page: index.html, app.js and style.css at the root.
//
//go:embed index.html app.js style.css
var Files embed.FS
