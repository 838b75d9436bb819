// The yaml library as src/config uses it: its browser build, loaded by path. Same package,
// same version, same source as the Node build, minus two debugging switches: the Node build's
// parser reads process.env.LOG_TOKENS once per token, and a process.env read is a call into
// C++ (it was 20-30 % of the parse time of an account file: 330 tokens per 5-client file).
// The builds also differ in how the YAML 1.1 !!binary tag is decoded (Buffer or Uint8Array,
// both a list of bytes to the schema) and in where warnings go, which parse-yaml.ts never
// lets the library print. yaml-library.test.ts checks that both builds read alike.
// Import values from here, never from 'yaml' (types may come from 'yaml': they are the same).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type * as Yaml from 'yaml';

/** The browser entry point the package declares (its "browser" field and "default" export). */
export const YAML_BROWSER_ENTRY = new URL('browser/index.js', pathToFileURL(createRequire(import.meta.url).resolve('yaml/package.json'))).href;

const yaml = (await import(YAML_BROWSER_ENTRY)) as typeof Yaml;

export const { Composer, Lexer, LineCounter, Parser, YAMLParseError, isAlias, isMap, isPair, isScalar, isSeq } = yaml;
// The classes' instance types, under the same names as the values.
export type Composer = Yaml.Composer;
export type Lexer = Yaml.Lexer;
export type LineCounter = Yaml.LineCounter;
export type Parser = Yaml.Parser;
export type YAMLParseError = Yaml.YAMLParseError;
