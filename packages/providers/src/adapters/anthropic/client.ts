import Anthropic from '@anthropic-ai/sdk';
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
import { AnthropicTurnBuilder } from './accumulate';
import { buildAnthropicParams } from './request';

function sdkFor(config: ClientConfig): Anthropic {
  const key = config.apiKey?.trim() || null;
  const auth =
    config.authScheme === 'bearer' && key ? { authToken: key } : { apiKey: key ?? 'no-key-configured' };
  return new Anthropic({
    ...auth,
    baseURL: sdkBaseUrl('anthropic-messages', config.baseUrl),
    // Our retry policy, not the SDK's, so every attempt is visible in the routing decision.
    maxRetries: 0,
    timeout: config.timeoutMs ?? 10 * 60_000,
    openTelemetry: false,
    logger: stderrLogger,
    fetch: idleAwareFetch(config.fetch),
  });
}

/** An `anthropic-messages` client on @anthropic-ai/sdk. */
export function createAnthropicClient(config: ClientConfig): ModelClient {
  const sdk = sdkFor(config);
  return {
    config,
    async complete(request: ModelRequest): Promise<ModelTurn> {
      const params = buildAnthropicParams(config, request);
      const options = { signal: request.signal };
      if (!request.stream) {
        try {
          const { data: message, response } = await sdk.messages
            .create({ ...params, stream: false }, options)
            .withResponse();
          return withLimits(
            AnthropicTurnBuilder.fromMessage(message as unknown as Record<string, unknown>),
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
        const { data: stream, response } = await withStreamIdleWatch(idle, () =>
          sdk.messages.create({ ...params, stream: true }, { signal: idle.signal }).withResponse(),
        );
        started = true;
        idle.arm();
        const builder = new AnthropicTurnBuilder(request.onDelta);
        for await (const event of stream) {
          idle.arm();
          builder.handle(event as unknown as Record<string, unknown>);
        }
        // The SDK ends iteration quietly when aborted: report it as cancelled, not as a short turn.
        if (request.signal?.aborted) throw request.signal.reason ?? new Error('aborted');
        if (idle.idled) throw streamIdleError(idleMs, null);
        return withLimits(builder.finish(), response, config.now?.());
      } catch (err) {
        if (idle.idled && !request.signal?.aborted) throw streamIdleError(idleMs, err);
        throw toProviderError(err, { signal: request.signal, midStream: started, now: config.now });
      } finally {
        idle.stop();
      }
    },
  };
}
