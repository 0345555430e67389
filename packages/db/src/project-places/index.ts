export { checkProjectPlace, type ProjectPlaceRequest } from './check-place';
export {
  isInside,
  localPathOfGitUrl,
  PROJECT_ROOTS_ENV,
  ProjectPlaceError,
  type ProjectPlaces,
  projectPlacesFrom,
  rootsOfTeam,
  TEAM_PLACEHOLDER,
} from './places';
export { checkTeamProjectPlace, localRepositoryOf } from './team-place';
