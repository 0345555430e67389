// What other parts of the repository may use of the worker: the cross-app acceptance tests and
// benchmarks run real workers in their own process.
export { ConfigError, loadWorkerConfig, type WorkerConfig } from './config';
export { createLogger, type Logger } from './logger';
export { createPipelineHandler, type PipelineOptions } from './pipeline/handler';
export { Worker, type WorkerOptions } from './worker';
