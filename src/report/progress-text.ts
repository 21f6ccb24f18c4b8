/**
 * How the shells word the engine's events. Lines lead with what changes, so a narrow terminal
 * cuts the image path, not the numbers.
 */
import type { EngineEvent } from '../core/events.js';

export function eventText(event: EngineEvent): string {
  switch (event.kind) {
    case 'measuring':
      return `measuring layer ${event.layer}/${event.of} (${event.storedBytes === null ? 'compressed blob' : `${mib(event.storedBytes)} blob`}) of ${event.image}`;
    case 'decompressed':
      return `${mib(event.bytes)} decompressed: layer ${event.layer}/${event.of} of ${event.image}`;
    case 'estimating-pull':
      return `estimating the pull size of layer ${event.layer}/${event.of} (${event.bytes === null ? 'gzip -6' : `${mib(event.bytes)}, gzip -6`}) of ${event.image}`;
    case 'scanned':
      return `scanned ${event.done}/${event.of} layers (${event.entries} entries): ${event.subject}`;
    case 'warning':
      return `${event.image}: a snapshot holds no layer contents, so only added layers list their files and there is no filesystem diff`;
    case 'source-note':
      return event.message;
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
