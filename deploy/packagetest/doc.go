// Package packagetest holds the tests of ossflow's deployment artefacts, the
// files under deploy/, scripts/package and .github/workflows/deploy.yml:
//
//   - the zips `make package` writes: the go1 binaries are static, every
//     zip is reproducible, and the thumbnail binary runs one real
//     invocation in an empty directory with nothing but its layer's
//     libraries (LD_LIBRARY_PATH) against the OSS emulator, with the
//     credentials its RAM policy allows;
//   - the RAM policies in deploy/ram: RAM grammar, and for each function
//     exactly the actions its code calls;
//   - deploy/Dockerfile, checked statically (no Docker engine here);
//   - the deploy workflow, and `s preview -t template.yml`, which Serverless
//     Devs runs without its registry.
//
// The package has no non-test code.
package packagetest
