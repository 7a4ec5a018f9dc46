/** A thin fetch wrapper: same-origin cookies, the CSRF header, RFC 9457 problems as errors. */

export interface FieldError {
  field: string
  message: string
  rejectedValue?: unknown
}

/** An RFC 9457 problem answered by the server, thrown by every call that does not succeed. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail || title || `HTTP ${status}`)
  }

  /** The slug of `urn:liandong:problem:<slug>`, or '' for other types. */
  get slug(): string {
    return this.type.startsWith('urn:liandong:problem:') ? this.type.substring(21) : ''
  }
}

type Listener = (error: ProblemError) => void
const unauthorizedListeners: Listener[] = []

/** Called when any request answers 401: the session has ended. */
export function onUnauthorized(listener: Listener): void {
  unauthorizedListeners.push(listener)
}

export function readCookie(name: string): string | undefined {
  const prefix = `${name}=`
  for (const part of document.cookie.split(';')) {
    const cookie = part.trim()
    if (cookie.startsWith(prefix)) return decodeURIComponent(cookie.substring(prefix.length))
  }
  return undefined
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>
  body?: unknown
  form?: Record<string, string>
  headers?: Record<string, string>
  signal?: AbortSignal
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.append(key, String(value))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

async function problemOf(response: Response): Promise<ProblemError> {
  const text = await response.text()
  try {
    const body = JSON.parse(text) as Partial<ProblemError> & { errors?: FieldError[] }
    return new ProblemError(
      response.status,
      body.type ?? 'about:blank',
      body.title ?? response.statusText,
      body.detail ?? '',
      body.errors ?? [],
    )
  } catch {
    return new ProblemError(response.status, 'about:blank', response.statusText, '')
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  let body: BodyInit | undefined
  if (options.form) {
    body = new URLSearchParams(options.form)
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const token = readCookie('XSRF-TOKEN')
    if (token) headers['X-XSRF-TOKEN'] = token
  }
  const response = await fetch(withQuery(path, options.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  })
  if (!response.ok) {
    const problem = await problemOf(response)
    if (response.status === 401 && !path.startsWith('/login')) unauthorizedListeners.forEach((l) => l(problem))
    throw problem
  }
  if (response.status === 204) return undefined as T
  const type = response.headers.get('Content-Type') ?? ''
  if (!type.includes('json')) return (await response.text()) as T
  return (await response.json()) as T
}

/**
 * Posts one file as the multipart/form-data part `file`, with the session and the CSRF header,
 * reporting the share sent so far (0…1). XMLHttpRequest, because fetch cannot tell upload progress.
 */
export function upload<T>(path: string, file: File, onProgress: (share: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.setRequestHeader('Accept', 'application/json')
    const token = readCookie('XSRF-TOKEN')
    if (token) xhr.setRequestHeader('X-XSRF-TOKEN', token)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total)
    }
    xhr.onload = async () => {
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? '' },
      })
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1)
        resolve((await response.json()) as T)
        return
      }
      const problem = await problemOf(response)
      if (xhr.status === 401) unauthorizedListeners.forEach((l) => l(problem))
      reject(problem)
    }
    xhr.onerror = () => reject(new TypeError('network error'))
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
}

export const http = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, { body: body ?? {}, headers }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
}
