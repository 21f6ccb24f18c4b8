/** How a blob's bytes are stored: read from its magic bytes, never from a media type alone. */
export type Compression = 'none' | 'gzip' | 'zstd';
