#!/bin/sh
# Stands in for Prisma's native schema engine, which this project never downloads (see
# docs/decisions/0002-migrations-with-the-wasm-schema-engine.md). It fails on purpose: a stub that
# succeeded would make `prisma migrate deploy` report success while doing nothing.
echo "Switchyard drives migrations with the WebAssembly schema engine: use pnpm db:migrate." >&2
exit 1
