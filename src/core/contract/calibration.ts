/** `/calibration-sessions`: leads start sessions, invited reviewers score blind, then compare. */
import {
  CalibrationHistory,
  CalibrationListQuery,
  CalibrationSession,
  CalibrationSessionCreate,
  CalibrationSessionList,
  CalibrationSessionReport,
} from '../calibration.ts';
import { LEADS, STAFF } from '../permissions.ts';
import { ReportFilters } from '../reports.ts';
import { contract, json, jsonBody } from './contract.ts';

const staff = { tag: 'calibration', roles: STAFF } as const;

export const startCalibration = contract({
  method: 'post',
  path: '/calibration-sessions',
  tag: 'calibration',
  summary: 'Start a calibration session on a ticket and invite reviewers',
  roles: LEADS,
  errors: [404, 422],
  request: { body: jsonBody(CalibrationSessionCreate) },
  responses: { 201: json(CalibrationSession, 'Created') },
});

export const listCalibrations = contract({
  ...staff,
  method: 'get',
  path: '/calibration-sessions',
  summary: 'List calibration sessions',
  request: { query: CalibrationListQuery },
  responses: { 200: json(CalibrationSessionList) },
});

export const calibrationHistory = contract({
  method: 'get',
  path: '/calibration-sessions/history',
  tag: 'calibration',
  summary: 'Over time: which criteria reviewers disagree on most, and each reviewer against the baselines',
  roles: LEADS,
  request: { query: ReportFilters.pick({ from: true, to: true, scorecardId: true }) },
  responses: { 200: json(CalibrationHistory) },
});

export const readCalibration = contract({
  ...staff,
  method: 'get',
  path: '/calibration-sessions/{id}',
  summary: 'One session and who has submitted (not what)',
  responses: { 200: json(CalibrationSession) },
});

export const calibrationReport = contract({
  ...staff,
  method: 'get',
  path: '/calibration-sessions/{id}/report',
  summary:
    "Each reviewer against the baseline (with Cohen's kappa), and the agreement of all: Krippendorff's alpha (N/A missing) with its interval, Cohen's kappa for two reviewers, Fleiss' for more",
  access: 'an invited reviewer after submitting, or a lead',
  errors: [422],
  responses: { 200: json(CalibrationSessionReport) },
});

export const closeCalibration = contract({
  method: 'post',
  path: '/calibration-sessions/{id}/close',
  tag: 'calibration',
  summary: 'Close a session',
  roles: LEADS,
  errors: [422],
  responses: { 200: json(CalibrationSession) },
});
