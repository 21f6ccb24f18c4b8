export declare const requireBanner: string;
export declare const bundleOptions: {
  readonly bundle: true;
  readonly platform: 'node';
  readonly format: 'esm';
  readonly target: string;
  readonly logLevel: 'warning';
  readonly banner: { readonly js: string };
};
