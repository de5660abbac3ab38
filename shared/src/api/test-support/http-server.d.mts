/** The request as the test handler sees it (a subset of node:http's IncomingMessage). */
export interface TestRequest {
  readonly method?: string;
  readonly url?: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The response as the test handler drives it (a subset of node:http's ServerResponse). */
export interface TestResponse {
  statusCode: number;
  setHeader(name: string, value: string | number): unknown;
  writeHead(status: number, headers?: Record<string, string>): unknown;
  write(chunk: string): boolean;
  end(body?: string): unknown;
  destroy(): unknown;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface TestServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Every request received, in order of arrival (after its body was read). */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export function startServer(handler: (req: TestRequest, res: TestResponse, body: string) => void | Promise<void>): Promise<TestServer>;
export function sendJson(res: TestResponse, status: number, body: unknown, headers?: Record<string, string>): void;
export function sendText(res: TestResponse, status: number, text: string, headers?: Record<string, string>): void;
export function sendLarge(res: TestResponse, status: number, bytes: number, contentType?: string, declareLength?: boolean): { sentBytes(): number };
export function hang(): undefined;
export function delay(ms: number): Promise<void>;
