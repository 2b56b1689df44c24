// Imported images become their file name.
export default 'image.png';
