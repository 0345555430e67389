import OpenAI from 'openai';
import { toProviderError } from '../../errors/from-exception';
import type { ClientConfig, ModelClient, ModelRequest, ModelTurn } from '../../messages/types';
import { sdkBaseUrl } from '../base-url';
import { stderrLogger } from '../logger';
import { withLimits } from '../rate-limit-headers';
import {
  DEFAULT_STREAM_IDLE_MS,
  idleAwareFetch,
  streamIdleError,
  watchStreamIdle,
  withStreamIdleWatch,
} from '../stream-idle';
import { OpenAITurnBuilder } from './accumulate';
import { buildOpenAIParams } from './request';

function sdkFor(config: ClientConfig): OpenAI {
  return new OpenAI({
    // Ollama needs no key, but the SDK insists on one.
    apiKey: config.apiKey?.trim() || 'no-key-configured',
    baseURL: sdkBaseUrl('openai-chat', config.baseUrl),
    organization: null,
    project: null,
    // Our retry policy, not the SDK's, so every attempt is visible in the routing decision.
    maxRetries: 0,
    timeout: config.timeoutMs ?? 10 * 60_000,
    logger: stderrLogger,
    fetch: idleAwareFetch(config.fetch),
  });
}

/** An `openai-chat` client on the openai SDK (OpenAI, Z.AI, DeepSeek, OpenRouter, Ollama, custom). */
export function createOpenAIClient(config: ClientConfig): ModelClient {
  const sdk = sdkFor(config);
  return {
    config,
    async complete(request: ModelRequest): Promise<ModelTurn> {
      const params = buildOpenAIParams(config, request);
      const options = { signal: request.signal };
      if (!request.stream) {
        try {
          const { data: completion, response } = await sdk.chat.completions
            .create({ ...params, stream: false }, options)
            .withResponse();
          return withLimits(
            OpenAITurnBuilder.fromCompletion(completion as unknown as Record<string, unknown>),
            response,
            config.now?.(),
          );
        } catch (err) {
          throw toProviderError(err, { signal: request.signal, now: config.now });
        }
      }
      let started = false;
      const idleMs = config.streamIdleMs ?? DEFAULT_STREAM_IDLE_MS;
      const idle = watchStreamIdle(idleMs, request.signal);
      try {
        const body: OpenAI.Chat.ChatCompletionCreateParamsStreaming = {
          ...params,
          stream: true,
          stream_options: { include_usage: true },
        };
        const { data: stream, response } = await withStreamIdleWatch(idle, () =>
          sdk.chat.completions.create(body, { signal: idle.signal }).withResponse(),
        );
        started = true;
        idle.arm();
        const builder = new OpenAITurnBuilder(request.onDelta);
        for await (const chunk of stream) {
          idle.arm();
          builder.handle(chunk as unknown as Record<string, unknown>);
        }
        // The SDK ends iteration quietly when aborted: report it as cancelled, not as a short turn.
        if (request.signal?.aborted) throw request.signal.reason ?? new Error('aborted');
        if (idle.idled) throw streamIdleError(idleMs, null);
        return withLimits(builder.build(), response, config.now?.());
      } catch (err) {
        if (idle.idled && !request.signal?.aborted) throw streamIdleError(idleMs, err);
        throw toProviderError(err, { signal: request.signal, midStream: started, now: config.now });
      } finally {
        idle.stop();
      }
    },
  };
}
