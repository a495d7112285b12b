// What an engine error means for a probe, in words a user can act on.
import type { EngineErrorShape } from './engine-client';

/** True when the engine did not answer at all (no HTTP status): nothing else will work either. */
export function isUnreachable(error: EngineErrorShape): boolean {
  return error.statusCode === undefined;
}

/** The message for an engine that did not answer, naming where we looked and what to check. */
export function unreachableMessage(endpoint: string, error: EngineErrorShape): string {
  return `cannot reach the Docker engine at ${endpoint}: ${error.message}${hint(error.code)}`;
}

function hint(code: string | undefined): string {
  if (code === undefined) return '';
  if (code === 'ENOENT')
    return ' (no socket or pipe there: is the engine running? choose another with --docker-host)';
  if (code === 'ECONNREFUSED')
    return ' (nothing listens there: is the engine running and listening on this address?)';
  if (code === 'EACCES' || code === 'EPERM')
    return ' (permission denied: run as a user allowed to use the engine, e.g. an administrator)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return ' (the host name does not resolve)';
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return ' (no route or no answer: check the address and the firewall)';
  if (/CERT|TLS|SSL/i.test(code))
    return ' (TLS failed: check the certificates in --tls-cert-dir or DOCKER_CERT_PATH)';
  return '';
}

/**
 * Swarm endpoints on an engine that is no swarm manager: Docker answers 503 "This node is not a swarm
 * manager"; engines without swarm (Podman) answer 404. Neither is an error of the collection.
 */
export function swarmUnsupportedReason(error: EngineErrorShape): string | null {
  if (error.statusCode === 503 || error.statusCode === 404 || /not a (swarm )?manager/i.test(error.message)) {
    return `not a swarm manager (HTTP ${error.statusCode ?? '?'}: ${engineMessage(error)})`;
  }
  return null;
}

/** The engine's own message where it sent one (`{"message": ...}`), else what the client said. */
export function engineMessage(error: EngineErrorShape): string {
  const json = error.json;
  if (typeof json === 'object' && json !== null && 'message' in json && typeof json.message === 'string')
    return json.message.trim();
  const text = Buffer.isBuffer(json) ? json.toString('utf8') : json;
  if (typeof text === 'string' && text.trim() !== '') return text.trim();
  // docker-modem words a refused stream request as "(HTTP code 500) <its own label> - <the engine's cause>";
  // its label for exec start's 500 is "container not running", whatever the engine said, so it is dropped.
  return error.message.replace(/^\(HTTP code \d+\) .*? - /, '').trim();
}

/** One line for a failed request: HTTP status and the engine's message. */
export function describeEngineError(error: EngineErrorShape): string {
  return error.statusCode === undefined ? error.message : `HTTP ${error.statusCode}: ${engineMessage(error)}`;
}
