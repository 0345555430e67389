import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { MigrationAdapterFactory } from './engine-adapter';

// Prisma's schema engine compiled to WebAssembly: the same engine as `prisma migrate`, without the
// native binary this machine cannot download (docs/decisions/0002).
type WasmExports = Record<string, unknown>;
type BindgenModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: WasmExports): void;
};
// Node's global WebAssembly, typed here because @types/node leaves it to the DOM library.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: WasmExports };
};

let engineClass: Promise<typeof SchemaEngine> | undefined;

async function loadEngineClass(): Promise<typeof SchemaEngine> {
  // The package exports no ./package.json; its main entry sits beside the .wasm file.
  const packageDir = dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm'));
  const bindgen = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as BindgenModule;
  const module = new WebAssembly.Module(await readFile(join(packageDir, 'schema_engine_bg.wasm')));
  const instance = new WebAssembly.Instance(module, {
    './schema_engine_bg.js': bindgen,
  });
  bindgen.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindgen.SchemaEngine;
}

// The engine reports Rust panics through this global; keep the message for the error we throw.
const panicRegistry = {
  lastMessage: '',
  set_message(message: string) {
    this.lastMessage = message;
  },
};
(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

export interface SchemaFile {
  path: string;
  content: string;
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened. */
  close(): Promise<void>;
}

export async function openSchemaEngine(databaseUrl: string, schema: SchemaFile): Promise<OpenEngine> {
  engineClass ??= loadEngineClass();
  const Engine = await engineClass;
  const factory = new MigrationAdapterFactory(databaseUrl);
  const debug = (_message: string) => {};
  try {
    const engine = await Engine.new(
      { datamodels: [[schema.path, schema.content]] },
      debug,
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return {
      engine,
      close: async () => {
        engine.free();
        await factory.close();
      },
    };
  } catch (error) {
    await factory.close();
    throw withPanicMessage(error);
  }
}

export function withPanicMessage(error: unknown): Error {
  const message = panicRegistry.lastMessage;
  panicRegistry.lastMessage = '';
  if (!message) return error instanceof Error ? error : new Error(String(error));
  return new Error(`Prisma schema engine panicked: ${message}`, { cause: error });
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
