export { applyBootstrap } from './apply-bootstrap.ts';
export {
  bootstrapExampleIfEmpty,
  EXAMPLE_CONFIG_URL,
  readExampleConfig,
} from './bootstrap-example.ts';
export { BootstrapConfigError, bootstrapErrors } from './errors.ts';
export { parseBootstrapConfig } from './parse-config.ts';
export { deriveSlug } from './slugs.ts';
export { toBasisPoints, toMinorUnits } from '../../domain/amounts.ts';
export type {
  ApplyOptions,
  BootstrapConfig,
  BootstrapKind,
  BootstrapResult,
  ItemChange,
  KindCounts,
} from './types.ts';
export { BOOTSTRAP_KINDS } from './types.ts';
