// Types for WeChat's compiler wrapper (the package ships none): each returns JavaScript source
// that, run with a browser-like global, yields $gwx (WXML) or a style lookup (WXSS).
declare module 'miniprogram-compiler' {
  interface CompilerOptions {
    maxBuffer?: number;
    wxmlList?: string[];
    wxsList?: string[];
    wxssList?: string[];
    cut?: boolean;
  }
  export function wxmlToJs(rootPath: string, options?: CompilerOptions): string;
  export function wxssToJs(rootPath: string, options?: CompilerOptions): string;
}
