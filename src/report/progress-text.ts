/**
 * How the shells word the engine's events. Lines lead with what changes, so a narrow terminal
 * cuts the image path, not the numbers. Sizes in the tables' units (formatBytes: decimal, 38.2 MB).
 */
import type { EngineEvent } from '../core/events.js';
import { formatBytes } from './format.js';

export function eventText(event: EngineEvent): string {
  switch (event.kind) {
    case 'measuring':
      return `measuring layer ${event.layer}/${event.of} (${event.storedBytes === null ? 'compressed blob' : `${formatBytes(event.storedBytes)} blob`}) of ${event.image}`;
    case 'decompressed':
      return `${formatBytes(event.bytes)} decompressed: layer ${event.layer}/${event.of} of ${event.image}`;
    case 'estimating-pull':
      return `estimating the pull size of layer ${event.layer}/${event.of} (${event.bytes === null ? 'gzip -6' : `${formatBytes(event.bytes)}, gzip -6`}) of ${event.image}`;
    case 'scanned':
      return `scanned ${event.done}/${event.of} layers (${event.entries} entries): ${event.subject}`;
    case 'warning':
      return `${event.image}: a snapshot holds no layer contents, so only added layers list their files and there is no filesystem diff`;
    case 'source-note':
      return event.message;
  }
}
