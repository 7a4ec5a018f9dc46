/** Shapes of docs/api.md, as the console reads them. */

export type Role = 'CALL_TAKER' | 'COMMANDER' | 'LEADER' | 'AGENCY_REP' | 'AGENCY_CLERK' | 'ANALYST' | 'ADMIN'
export type Priority = 'P1' | 'P2' | 'P3' | 'P4'
export type Severity = 'I' | 'II' | 'III' | 'IV'
export type Channel = '110' | '119' | '120' | '12345' | '12350' | 'WEB' | 'APP' | 'VIDEO' | 'API'
export type Outcome = 'INCIDENT_OPENED' | 'MERGED' | 'DIVERTED'
export type TaskStatus = 'ISSUED' | 'ACKNOWLEDGED' | 'ARRIVED' | 'COMPLETED' | 'RETURNED' | 'CANCELLED'

export const ROLES: Role[] = ['CALL_TAKER', 'COMMANDER', 'LEADER', 'AGENCY_REP', 'AGENCY_CLERK', 'ANALYST', 'ADMIN']
export const PRIORITIES: Priority[] = ['P1', 'P2', 'P3', 'P4']
export const SEVERITIES: Severity[] = ['I', 'II', 'III', 'IV']
export const CHANNELS: Channel[] = ['110', '119', '120', '12345', '12350', 'WEB', 'APP', 'VIDEO', 'API']
export const INCIDENT_STATUSES = ['OPEN', 'CLOSED', 'CANCELLED'] as const
export const TASK_STATUSES: TaskStatus[] = ['ISSUED', 'ACKNOWLEDGED', 'ARRIVED', 'COMPLETED', 'RETURNED', 'CANCELLED']

export const RECORD_TYPES = [
  'REPORT_RECEIVED', 'INCIDENT_OPENED', 'REPORT_MERGED', 'REPORT_DIVERTED', 'PLAN_ACTIVATED',
  'TASK_ISSUED', 'TASK_ACKNOWLEDGED', 'TASK_ARRIVED', 'TASK_REPORTED_BACK', 'TASK_COMPLETED',
  'TASK_RETURNED', 'TASK_CANCELLED', 'TASK_OVERDUE', 'TASK_REMINDED', 'TASK_ESCALATED',
  'LEADER_NOTIFIED', 'NOTE_ADDED', 'SEVERITY_CHANGED', 'PRIORITY_CHANGED', 'COMMAND_HANDED_OVER',
  'INCIDENT_CLOSED', 'INCIDENT_CANCELLED', 'INCIDENT_REOPENED', 'ATTACHMENT_ADDED',
] as const
export type RecordType = (typeof RECORD_TYPES)[number]

export interface Me {
  username: string
  roles: Role[]
  agency?: string | null
  seat?: string | null
  displayName?: string | null
}

export interface NewReport {
  channel: Channel
  receivedAt?: string
  callerNumber?: string
  callerName?: string
  address?: string
  lat?: number
  lon?: number
  districtCode?: string
  text: string
  category?: string
  priority?: Priority
  severity?: Severity
  drill?: boolean
  externalRef?: string
  mergeInto?: number
}

export interface Suggestion {
  category: string
  name?: string
  nameEn?: string
  confidence: number
}

export interface ReportAnswer {
  reportId: number
  outcome: Outcome
  incidentId: number
  category: string
  categoryName?: string
  categoryNameEn?: string
  suggestion?: Suggestion
  priority: Priority
  severity: Severity
  plan?: string
  taskIds?: number[]
  leaderNotified?: boolean
}

export interface Report {
  id: number
  channel: Channel
  receivedAt: string
  callerNumber?: string
  callerName?: string
  address?: string
  text: string
  category?: string
  categoryName?: string
  categoryNameEn?: string
  outcome?: Outcome
  incidentId?: number
  drill?: boolean
  lat?: number
  lon?: number
  districtCode?: string
  priority?: Priority
  severity?: Severity
}

export interface Incident {
  id: number
  kind?: string
  category: string
  categoryName?: string
  categoryNameEn?: string
  priority: Priority
  severity: Severity
  status: string
  title: string
  address?: string
  lat?: number
  lon?: number
  districtCode?: string
  zone?: string
  platform?: string
  openedAt: string
  lastReportAt?: string
  closedAt?: string
  reportCount?: number
  planCode?: string
  inCommand?: string
  version: number
  openTasks?: number
  overdueTasks?: number
  agencies?: string[]
  drill?: boolean
  tasks?: Task[]
  reports?: Report[]
  distanceMeters?: number
}

export interface Task {
  id: number
  incidentId: number
  agency: string
  agencyName?: string
  agencyNameEn?: string
  instructions: string
  priority: Priority
  status: TaskStatus
  planCode?: string
  diverted?: boolean
  issuedAt: string
  acknowledgeDue?: string
  arriveDue?: string
  completeDue?: string
  acknowledgedAt?: string
  arrivedAt?: string
  completedAt?: string
  returnedAt?: string
  returnReason?: string
  feedbackCount?: number
  /** How many photos the agency attached to its report-back. */
  attachmentCount?: number
  nextDue?: string
  overdue?: boolean
  reminders?: number
  escalated?: boolean
  version: number
  incidentTitle?: string
  address?: string
}

/** A photo on a task's report-back (its bytes at `/api/tasks/{taskId}/attachments/{id}`). */
export interface TaskAttachment {
  id: number
  taskId: number
  incidentId: number
  fileName: string
  contentType: string
  size: number
  sha256: string
  uploadedBy: string
  uploadedAt: string
}

export interface RecordEntry {
  id: number
  incidentId: number
  occurredAt: string
  recordedAt: string
  actor: string
  seat?: string
  type: RecordType | string
  taskId?: number
  agency?: string
  reason?: string
  detail?: string
}

export interface Agency {
  code: string
  nameZh?: string
  nameEn?: string
  name?: string
  kind?: string
  residency?: string
  seasons?: string
  districts?: string
  chiefRep?: string
  active?: boolean
  version?: number
}

export interface Zone {
  code: string
  nameZh?: string
  nameEn?: string
  name?: string
  platform?: string
}

export interface Seat {
  code: string
  zone?: string
  label?: string
  role?: string
  agency?: string
  version?: number
}

export interface Category {
  code: string
  parent?: string
  nameZh?: string
  nameEn?: string
  name?: string
  police?: boolean
  divert?: boolean
  priority?: Priority
  severity?: Severity
  owner?: string
  keywords?: string[]
  zone?: string
  effectiveZone?: string
  version?: number
}

export interface PlanTask {
  seq?: number
  agency: string
  taskZh?: string
  taskEn?: string
  /** ISO-8601 durations, for example PT5M */
  acknowledge?: string
  arrive?: string
  complete?: string
}

export interface Plan {
  code: string
  nameZh?: string
  nameEn?: string
  name?: string
  category: string
  categoryCode?: string
  minSeverity?: Severity
  notify?: string[]
  tasks?: PlanTask[]
  version?: number
}

export interface User {
  username: string
  displayName?: string
  roles: Role[]
  agency?: string | null
  seat?: string | null
  enabled?: boolean
  password?: string
}

export interface ResponseTimes {
  agency: string
  tasks: number
  overdue?: number
  onTime?: number
  acknowledgeP50S?: number
  acknowledgeP90S?: number
  arriveP50S?: number
  arriveP90S?: number
  completeP50S?: number
  completeP90S?: number
}

export interface Summary {
  from: string
  to: string
  reports: number
  incidents: number
  diverted: number
  merged: number
  linkageActivations: number
  tasks: number
  overdueTasks: number
  byChannel: Record<string, number>
  byCategory: Record<string, number>
  bySeverity: Record<string, number>
  byAgency: Record<string, number>
  byDistrict?: Record<string, number>
  byHour?: Record<string, number>
  onTimeRate?: Record<string, number>
  responseTimes: ResponseTimes[]
}

export interface Notification {
  id: number
  recipient: string
  incidentId?: number
  text?: string
  createdAt?: string
  readAt?: string
}

export interface ConsoleConfig {
  tileUrl?: string | null
  tileAttribution?: string | null
  tileCoordSystem: 'WGS84' | 'GCJ02'
  zone: string
  cityCode?: string
  cityCenter: { lat: number; lon: number }
  zoom?: number
}

/** GET /api/incidents/counts: the board's counters over every matching incident. */
export interface BoardCounts {
  open: number
  p1: number
  leaderCommand: number
  openTasks: number
  overdueTasks: number
  openedSince: number
  since: string
}
