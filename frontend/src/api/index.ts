import { http, request, upload } from './http'
import type {
  Agency, BoardCounts, Category, ConsoleConfig, Incident, Me, NewReport, Notification, Plan, Priority, RecordEntry,
  Report, ReportAnswer, Seat, Severity, Suggestion, Summary, Task, TaskAttachment, User, Zone,
} from './types'

/** Every endpoint of docs/api.md the console calls, in one place. */
export const api = {
  login: (username: string, password: string) =>
    request<Me>('POST', '/login', { form: { username, password } }),
  logout: () => request<void>('POST', '/logout'),
  me: () => http.get<Me>('/api/me'),
  config: () => http.get<ConsoleConfig>('/api/public/config'),

  fileReport: (report: NewReport, idempotencyKey: string) =>
    http.post<ReportAnswer>('/api/reports', report, { 'Idempotency-Key': idempotencyKey }),
  classify: (text: string) => http.post<{ suggestions: Suggestion[] }>('/api/reports/classify', { text }),
  reports: (query: { from?: string; to?: string; channel?: string; incident?: number; limit?: number }) =>
    http.get<Report[]>('/api/reports', query),

  incidents: (query: Record<string, string | number | undefined> = {}) =>
    http.get<Incident[]>('/api/incidents', query),
  counts: (query: Record<string, string | number | undefined> = {}) =>
    http.get<BoardCounts>('/api/incidents/counts', query),
  nearby: (query: { category?: string; lat: number; lon: number }) =>
    http.get<Incident[]>('/api/incidents/nearby', query),
  incident: async (id: number | string): Promise<Incident> => {
    const detail = await http.get<{ incident: Incident; tasks: Task[] }>(`/api/incidents/${id}`)
    return { ...detail.incident, tasks: detail.tasks }
  },
  record: (id: number | string) => http.get<RecordEntry[]>(`/api/incidents/${id}/record`),
  order: (id: number, order: OrderName, body: Record<string, unknown>) =>
    http.post<unknown>(`/api/incidents/${id}/orders/${order}`, body),

  tasks: (query: { status?: string; agency?: string; incident?: number; overdue?: boolean; limit?: number } = {}) =>
    http.get<Task[]>('/api/tasks', query),
  task: (id: number | string) => http.get<Task>(`/api/tasks/${id}`),
  step: (id: number, step: TaskStep, body: { version: number; text?: string; reason?: string }) =>
    http.post<Task>(`/api/tasks/${id}/${step}`, body),
  attachments: (taskId: number) => http.get<TaskAttachment[]>(`/api/tasks/${taskId}/attachments`),
  attachmentUrl: (taskId: number, id: number) => `/api/tasks/${taskId}/attachments/${id}`,
  attachPhoto: (taskId: number, file: File, onProgress: (share: number) => void) =>
    upload<TaskAttachment>(`/api/tasks/${taskId}/attachments`, file, onProgress),

  agencies: () => http.get<Agency[]>('/api/agencies'),
  saveAgency: (agency: Agency, isNew: boolean) =>
    isNew ? http.post<Agency>('/api/agencies', agency) : http.put<Agency>(`/api/agencies/${agency.code}`, agency),
  deleteAgency: (code: string) => http.delete<void>(`/api/agencies/${code}`),
  zones: () => http.get<Zone[]>('/api/zones'),
  seats: () => http.get<Seat[]>('/api/seats'),
  saveSeat: (seat: Seat) => http.put<Seat>(`/api/seats/${seat.code}`, seat),
  categories: () => http.get<Category[]>('/api/categories'),
  saveCategory: (category: Category, isNew: boolean) =>
    isNew ? http.post<Category>('/api/categories', category) : http.put<Category>(`/api/categories/${category.code}`, category),
  plans: () => http.get<Plan[]>('/api/plans'),
  plan: (code: string) => http.get<Plan>(`/api/plans/${code}`),
  savePlan: (plan: Plan, isNew: boolean) =>
    isNew ? http.post<Plan>('/api/plans', plan) : http.put<Plan>(`/api/plans/${plan.code}`, plan),
  users: () => http.get<User[]>('/api/users'),
  saveUser: (user: User, isNew: boolean) =>
    isNew ? http.post<User>('/api/users', user) : http.put<User>(`/api/users/${user.username}`, user),

  summary: (query: { from?: string; to?: string }) => http.get<Summary>('/api/stats/summary', query),
  notifications: (recipient = 'LEADER') => http.get<Notification[]>('/api/notifications', { recipient }),
  markRead: (id: number) => http.post<void>(`/api/notifications/${id}/read`),
}

export type OrderName =
  | 'dispatch' | 'activate-plan' | 'note' | 'severity' | 'priority' | 'hand-over' | 'close' | 'cancel' | 'reopen'
export type TaskStep = 'acknowledge' | 'arrive' | 'report-back' | 'complete' | 'return'

export type { Priority, Severity }
